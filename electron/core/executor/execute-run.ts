import type { ParamValue } from '../../../shared/ir/params.ts';
import type { SecretSource } from '../mcp/server-env.ts';
import type { ReferenceScope } from '../plans/resolve-references.ts';
import type { ClaimedRun, Store } from '../queue/store.ts';
import { resolveSecretParams } from '../runs/secret-params.ts';
import { executeStep, type StepDeps, type StepEnd } from './execute-step.ts';
import { maskedDeps, secretMask } from './secret-mask.ts';
import type { StopReason } from './step-handler.ts';

export interface ExecuteDeps extends StepDeps {
  store: StepDeps['store'] & Pick<Store, 'skipSteps'>;
  /** Where the values of the run's secret parameters are (its input holds only their markers). */
  secrets: SecretSource;
}

/** How executing a run ended. `lost`: the fence no longer holds, so this worker must write nothing more about
 * the run; `drained`: stopped for shutdown, to be requeued. */
export type Outcome =
  | { status: 'succeeded' }
  | { status: 'failed'; error: string }
  | { status: 'cancelled' }
  | { status: 'lost' }
  | { status: 'drained' };

const EMPTY_OUTPUTS = { exitCode: null, stdout: '', stderr: '', truncated: false, result: null };

/** Steps of one run running at once; independent steps overlap, mostly waiting on I/O. */
const PARALLEL_STEPS = 4;

/**
 * Runs a claimed run: its secret parameters read from the secret store, then its steps, with every secret
 * value masked in whatever the run writes (events, step results, proofs, artifacts, the run's error).
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

/**
 * Runs a claimed run's steps as a DAG: a step starts when everything it needs succeeded (or failed with
 * continueOnError). After a failure no new step starts (steps already running finish), and the steps left
 * are recorded as skipped with the reason. The run succeeds when no step failed that was allowed to fail it.
 */
async function executeSteps(
  claimed: ClaimedRun, params: Record<string, ParamValue>, signal: AbortSignal, deps: ExecuteDeps,
): Promise<Outcome> {
  const { plan, fence } = claimed;
  const scope: ReferenceScope = { params, steps: {} };
  const ends = new Map<string, StepEnd>();
  const running = new Map<string, Promise<void>>();
  // Set from the steps' callbacks; an object, so the checks below are not narrowed away.
  const state: { failure: string | null; failedStep: string | null; stop: StopReason | null } = { failure: null, failedStep: null, stop: null };

  const settled = (id: string) => ends.has(id);
  const usable = (id: string) => {
    const end = ends.get(id);
    const step = plan.steps.find((s) => s.id === id)!;
    return end?.status === 'succeeded' || (end?.status === 'failed' && step.continueOnError === true);
  };

  for (;;) {
    if (!state.failure && !state.stop && !signal.aborted) {
      for (const [idx, step] of plan.steps.entries()) {
        if (running.size >= PARALLEL_STEPS) break;
        if (settled(step.id) || running.has(step.id)) continue;
        const needs = step.needs ?? [];
        if (!needs.every(settled) || !needs.every(usable)) continue;
        // A step that throws (a store write refused, a bug) fails alone: its siblings still run to their end
        // and the run ends only when none is left running.
        const guarded = executeStep(claimed, idx, scope, signal, deps).catch((error: unknown): StepEnd => ({
          status: 'failed', error: `internal error: ${(error as Error).message}`, outputs: EMPTY_OUTPUTS,
        }));
        running.set(step.id, guarded.then((end) => {
          running.delete(step.id);
          ends.set(step.id, end);
          if (end.status === 'succeeded' || end.status === 'failed') scope.steps[step.id] = end.outputs;
          if (end.status === 'lost') state.stop = 'lost';
          else if (end.status === 'cancelled') state.stop = end.reason;
          else if (end.status === 'failed' && !step.continueOnError && !state.failure) {
            state.failure = `step ${step.id}: ${end.error}`;
            state.failedStep = step.id;
          }
        }));
      }
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }

  if (state.stop === 'lost') return { status: 'lost' };
  const reason = state.stop ?? (signal.aborted ? (signal.reason as StopReason) : null);
  const left = plan.steps.flatMap((step, idx) => (ends.has(step.id) ? [] : [idx]));
  if (left.length > 0) {
    const why = reason ? `the run was ${reason === 'cancel' ? 'cancelled' : 'stopped'}`
      : `not started: step ${state.failedStep} failed`;
    const skipped = await deps.store.skipSteps(fence, left, why);
    if (skipped.length === 0) return { status: 'lost' };
    deps.publish(skipped);
  }
  if (reason) return stopped(reason);
  if (state.failure) return { status: 'failed', error: state.failure };
  return { status: 'succeeded' };
}

function stopped(reason: StopReason): Outcome {
  if (reason === 'lost') return { status: 'lost' };
  if (reason === 'drain') return { status: 'drained' };
  return { status: 'cancelled' };
}
