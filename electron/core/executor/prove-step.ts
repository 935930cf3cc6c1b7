import type { RunEvent } from '../../../shared/domain/run.ts';
import type { Step } from '../../../shared/ir/plan.ts';
import type { Verifier } from '../../../shared/ir/verifier.ts';
import { resolveReferences, type ReferenceScope } from '../plans/resolve-references.ts';
import { evidenceSha256, sha256Hex } from '../proofs/evidence.ts';
import { cleanJson } from '../queue/clean-text.ts';
import type { Fence, Store } from '../queue/store.ts';
import { runVerifier } from '../verifiers/index.ts';
import { redactConfig } from '../verifiers/redact-config.ts';
import type { StepOutputs } from './step-capture.ts';

export interface ProveDeps {
  store: Pick<Store, 'recordProof' | 'localQuery'>;
  publish(events: RunEvent[]): void;
}

/** `checked`: how many verifiers ran; `failures`: "kind: summary" of each that did not pass. */
export type Verdict =
  | { passed: true; checked: number }
  | { passed: false; error: string; failures: string[]; checked: number }
  | { lost: true };

export interface ProveOptions {
  /** Default 'after' (the proof of the step's action). */
  phase?: 'before' | 'after' | 'recheck';
  /** For a re-check: the proof (by verifier seq) it verifies again. */
  recheckOf?: (seq: number) => number | null;
  /** Only these verifiers run (a pre-check's http/sql/file); each keeps its seq in the step. */
  only?: (verifier: Verifier, seq: number) => boolean;
}

/**
 * Runs every verifier of a step (all of them, even after one fails, so the proof record is complete) and
 * stores each verdict as a proof with its event. The step is proven only if all pass. The same path serves a
 * pre-check (phase 'before', live-state verifiers only) and a re-check of a recorded outcome ('recheck').
 */
export async function proveStep(
  step: Step, tryNo: number, outputs: StepOutputs, scope: ReferenceScope, fence: Fence, signal: AbortSignal, deps: ProveDeps,
  options: ProveOptions = {},
): Promise<Verdict> {
  const failures: string[] = [];
  let checked = 0;
  // A verifier may read its own step's output (a hash the step printed), besides the steps it needs.
  const own: ReferenceScope = { ...scope, steps: { ...scope.steps, [step.id]: outputs } };
  for (const [seq, declared] of step.verify.entries()) {
    if (options.only && !options.only(declared, seq)) continue;
    checked++;
    let config = declared;
    let outcome;
    try {
      config = resolveReferences(declared, own);
    } catch (error) {
      outcome = { passed: false, summary: (error as Error).message, evidence: { error: (error as Error).message },
        startedAt: new Date(), finishedAt: new Date() };
    }
    outcome ??= await runVerifier(config, {
      step: outputs,
      signal,
      localSql: (text, params) => deps.store.localQuery(text, params),
    });
    // Cleaned before hashing, so the hash is of exactly what is stored and read back (jsonb refuses NUL).
    const evidence = cleanJson(outcome.evidence);
    const large = 'large' in outcome && outcome.large
      ? { ...outcome.large, sha256: sha256Hex(outcome.large.content) } : undefined;
    const events = await deps.store.recordProof(fence, {
      stepId: step.id, try: tryNo, seq, kind: config.kind, config: redactConfig(config) as Record<string, unknown>, passed: outcome.passed,
      summary: outcome.summary, evidence, evidenceSha256: evidenceSha256(evidence), large,
      startedAt: outcome.startedAt, finishedAt: outcome.finishedAt,
      ...(options.phase ? { phase: options.phase } : {}),
      ...(options.recheckOf ? { recheckOf: options.recheckOf(seq) } : {}),
    });
    if (events.length === 0) return { lost: true };
    deps.publish(events);
    if (!outcome.passed) failures.push(`${config.kind}: ${outcome.summary}`);
  }
  return failures.length === 0 ? { passed: true, checked } : { passed: false, error: `not proven — ${failures.join('; ')}`, failures, checked };
}
