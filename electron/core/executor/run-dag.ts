import type { Step } from '../../../shared/ir/plan.ts';
import type { ReferenceScope } from '../plans/resolve-references.ts';
import type { ClaimedRun, Store } from '../queue/store.ts';
import { continueReason } from './continue-policy.ts';
import { executeStep, type StepDeps, type StepEnd } from './execute-step.ts';
import { stepLog, stopped, stopWhy, type Outcome } from './run-outcome.ts';
import { decideStep } from './step-decision.ts';
import type { StopReason } from './step-handler.ts';
import { NO_OUTPUTS } from './step-outputs.ts';

export interface DagDeps extends StepDeps {
  store: StepDeps['store'] & Pick<Store, 'skipSteps' | 'settleSteps'>;
}

/** Steps of one run running at once; independent steps overlap, mostly waiting on I/O. */
const PARALLEL_STEPS = 4;

/** How a step ended, as the DAG sees it. A failed step `continues` when its continueOn matched. */
type Ending = { kind: 'succeeded' } | { kind: 'failed'; continues: boolean } | { kind: 'skipped' } | { kind: 'stopped' };

/**
 * Runs a claimed run's steps as a DAG: a step starts when everything it needs has settled usably (succeeded,
 * failed with a matching continueOn, or skipped by a decision: disabled, a false `if`). After a failure that
 * stops the run no new step starts (steps already running finish), unless the plan says keepGoing: then every
 * step that does not (transitively) need a failed step still runs. Steps left are recorded as skipped with the
 * reason. `settled`: steps settled before (reused), their outputs already in `scope`.
 */
export async function runDag(
  claimed: ClaimedRun, scope: ReferenceScope, settled: Iterable<string>, signal: AbortSignal, deps: DagDeps,
): Promise<Outcome> {
  const { plan, fence } = claimed;
  const ends = new Map<string, Ending>([...settled].map((id) => [id, { kind: 'succeeded' }]));
  const skipped = new Map<string, string>();
  const running = new Map<string, Promise<void>>();
  const failures: { stepId: string; error: string }[] = [];
  // Set from the steps' callbacks; an object, so the checks below are not narrowed away.
  const state: { stop: StopReason | null } = { stop: null };

  const usable = (id: string) => {
    const end = ends.get(id);
    return end?.kind === 'succeeded' || end?.kind === 'skipped' || (end?.kind === 'failed' && end.continues);
  };
  const starting = () => !state.stop && !signal.aborted && (failures.length === 0 || plan.keepGoing === true);

  const start = (idx: number, step: Step, refusal: string | undefined) => {
    // A step that throws (a store write refused, a bug) fails alone: its siblings still run to their end
    // and the run ends only when none is left running.
    const guarded = executeStep(claimed, idx, scope, signal, deps, { refusal }).catch((error: unknown): StepEnd => ({
      status: 'failed', error: `internal error: ${(error as Error).message}`, outputs: NO_OUTPUTS,
    }));
    running.set(step.id, guarded.then((end) => {
      running.delete(step.id);
      if (end.status === 'lost' || end.status === 'cancelled') {
        ends.set(step.id, { kind: 'stopped' });
        state.stop ??= end.status === 'lost' ? 'lost' : end.reason;
        return;
      }
      scope.steps[step.id] = end.outputs;
      if (end.status === 'succeeded') return void ends.set(step.id, { kind: 'succeeded' });
      const why = continueReason(step, end.outputs);
      ends.set(step.id, { kind: 'failed', continues: why !== null });
      if (why) deps.writer.push(stepLog(claimed, step, 'warn', `step ${step.id} failed, and the run goes on: ${why}`));
      else failures.push({ stepId: step.id, error: end.error });
    }));
  };

  for (;;) {
    let decided = false;
    for (const [idx, step] of plan.steps.entries()) {
      if (running.size >= PARALLEL_STEPS || !starting()) break;
      if (ends.has(step.id) || running.has(step.id) || !(step.needs ?? []).every(usable)) continue;
      const decision = decideStep(step, scope, skipped);
      if ('run' in decision) {
        start(idx, step, decision.refusal);
        continue;
      }
      const { settledBy, reason } = decision.skip;
      const events = await deps.store.settleSteps(fence, [{ idx, status: 'skipped', settledBy, reason, message: `step ${step.id} skipped: ${reason}` }]);
      if (events.length === 0) {
        state.stop = 'lost';
        break;
      }
      deps.publish(events);
      ends.set(step.id, { kind: 'skipped' });
      skipped.set(step.id, reason);
      decided = true;
    }
    // A step settled by a decision may have readied others: look again at once.
    if (decided && starting()) continue;
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  await deps.writer.flush();

  if (state.stop === 'lost') return { status: 'lost' };
  const reason = state.stop ?? (signal.aborted ? (signal.reason as StopReason) : null);
  const left = await skipLeft(claimed, ends, reason, failures[0]?.stepId ?? null, deps);
  if (left === 'lost') return { status: 'lost' };
  if (reason) return stopped(reason);
  if (failures.length > 0) {
    const [first, ...more] = failures;
    const also = more.length ? `; also failed: ${more.map((f) => f.stepId).join(', ')}` : '';
    return { status: 'failed', error: `step ${first!.stepId}: ${first!.error}${also}` };
  }
  return { status: 'succeeded' };
}

/** Records the steps that never started as skipped, each with why: the stop, or the failed step it needs
 * (directly or through other steps left), else the first failure (which stopped new starts). */
async function skipLeft(
  claimed: ClaimedRun, ends: Map<string, Ending>, reason: StopReason | null, firstFailure: string | null, deps: DagDeps,
): Promise<'lost' | 'ok'> {
  const { plan, fence } = claimed;
  const byId = new Map(plan.steps.map((step) => [step.id, step]));
  const blockers = new Map<string, string | null>();
  const blocker = (id: string): string | null => {
    if (blockers.has(id)) return blockers.get(id)!;
    blockers.set(id, null); // the DAG has no cycle; this only guards the recursion
    let found: string | null = null;
    for (const need of byId.get(id)?.needs ?? []) {
      const end = ends.get(need);
      found = end?.kind === 'failed' && !end.continues ? need : end ? null : blocker(need);
      if (found) break;
    }
    blockers.set(id, found);
    return found;
  };
  const groups = new Map<string, number[]>();
  plan.steps.forEach((step, idx) => {
    if (ends.has(step.id)) return;
    const why = reason ? stopWhy(reason) : `not started: step ${blocker(step.id) ?? firstFailure ?? 'it needs'} failed`;
    groups.set(why, [...(groups.get(why) ?? []), idx]);
  });
  for (const [why, idxs] of groups) {
    const events = await deps.store.skipSteps(fence, idxs, why);
    if (events.length === 0) return 'lost';
    deps.publish(events);
  }
  return 'ok';
}
