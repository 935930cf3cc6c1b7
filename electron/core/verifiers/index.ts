import type { Verifier, VerifierKind } from '../../../shared/ir/verifier.ts';
import { approvalVerifier } from './approval.ts';
import { exitCodeVerifier } from './exit-code.ts';
import { fileVerifier } from './file.ts';
import { httpVerifier } from './http.ts';
import { outputVerifier } from './output.ts';
import { sqlVerifier } from './sql.ts';
import type { VerifierModule, VerifierOutcome, VerifyContext } from './verifier.ts';

export const VERIFIERS: { [K in VerifierKind]: VerifierModule<Extract<Verifier, { kind: K }>> } = {
  http: httpVerifier,
  exit_code: exitCodeVerifier,
  sql: sqlVerifier,
  file: fileVerifier,
  output: outputVerifier,
  approval: approvalVerifier,
};

export type TimedOutcome = VerifierOutcome & { startedAt: Date; finishedAt: Date };

/** Runs one verifier and never throws: a verifier that crashes has proven nothing, so that is a failed proof. */
export async function runVerifier(config: Verifier, ctx: VerifyContext): Promise<TimedOutcome> {
  const startedAt = new Date();
  let outcome: VerifierOutcome;
  try {
    const module = VERIFIERS[config.kind] as VerifierModule;
    outcome = await module.verify(config, ctx);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    outcome = { passed: false, summary: `verifier crashed: ${message}`, evidence: { error: message } };
  }
  return { ...outcome, startedAt, finishedAt: new Date() };
}
