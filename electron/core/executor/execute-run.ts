import type { ParamValue } from '../../../shared/ir/params.ts';
import type { SecretSource } from '../mcp/server-env.ts';
import type { ReferenceScope } from '../plans/resolve-references.ts';
import type { ClaimedRun } from '../queue/store.ts';
import { resolveSecretParams } from '../runs/secret-params.ts';
import { settleReused, type ReuseDeps } from './recheck-reused.ts';
import { runDag } from './run-dag.ts';
import type { Outcome } from './run-outcome.ts';
import { maskedDeps, secretMask } from './secret-mask.ts';

export type { Outcome } from './run-outcome.ts';

export interface ExecuteDeps extends ReuseDeps {
  /** Where the values of the run's secret parameters are (its input holds only their markers). */
  secrets: SecretSource;
}

/**
 * Runs a claimed run: its secret parameters read from the secret store, then its steps, with every secret
 * value masked in whatever the run writes (events, step results and outputs, proofs, artifacts, the run's error).
 */
export async function executeRun(claimed: ClaimedRun, signal: AbortSignal, deps: ExecuteDeps): Promise<Outcome> {
  const resolved = await resolveSecretParams(claimed.plan, claimed.run.input, deps.secrets);
  if ('missing' in resolved) {
    return notStarted(claimed, `the value of secret parameter ${resolved.missing} is no longer stored; queue the run again with it`, deps);
  }
  const mask = secretMask(resolved.secretValues);
  if (!mask) return executeSteps(claimed, resolved.params, signal, deps);
  let outcome: Outcome;
  try {
    outcome = await executeSteps(claimed, resolved.params, signal, maskedDeps(deps, mask));
  } catch (error) {
    // Caught here, not by the lane loop, so the message is masked before it becomes the run's error.
    outcome = { status: 'failed', error: `internal error: ${(error as Error).message}` };
  }
  return outcome.status === 'failed' ? { ...outcome, error: mask.text(outcome.error) } : outcome;
}

/** Fails a run before any step starts, each step skipped with the reason. */
async function notStarted(claimed: ClaimedRun, error: string, deps: ExecuteDeps): Promise<Outcome> {
  const skipped = await deps.store.skipSteps(claimed.fence, claimed.plan.steps.map((_, idx) => idx), `not started: ${error}`);
  if (skipped.length === 0) return { status: 'lost' };
  deps.publish(skipped);
  return { status: 'failed', error };
}

/** A rerun's reused steps first (re-checked, settled, or the run refused / re-proved), then the DAG. */
async function executeSteps(
  claimed: ClaimedRun, params: Record<string, ParamValue>, signal: AbortSignal, deps: ReuseDeps,
): Promise<Outcome> {
  const scope: ReferenceScope = { params, steps: {} };
  const reuse = await settleReused(claimed, scope, signal, deps);
  if ('outcome' in reuse) return reuse.outcome;
  return runDag(claimed, scope, reuse.settled, signal, deps);
}
