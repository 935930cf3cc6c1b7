import type { FireOutcome, ScheduleFire } from '../../../shared/domain/schedule.ts';
import type { RunsApi } from '../api/runs-api.ts';
import { CoreError } from '../errors.ts';
import type { ScheduleRow } from '../queue/statements/schedules.ts';
import type { Store } from '../queue/store.ts';
import { fireKey } from './slots.ts';
import type { ExpandedTarget } from './targets.ts';

export interface FireDeps {
  store: Store;
  runs: Pick<RunsApi, 'enqueue' | 'cancel'>;
  /** The schedule's target as it is now, its secret parameters read from the secret store. */
  expand(schedule: ScheduleRow): Promise<ExpandedTarget>;
}

const isActive = (fire: ScheduleFire) => fire.outcome === 'firing' || fire.runStatus === 'queued' || fire.runStatus === 'running';
const described = (fire: ScheduleFire) => (fire.runId !== null ? `run ${fire.runId} (${fire.runStatus ?? fire.outcome})` : `the slot ${fire.slot.toISOString()} (${fire.outcome})`);

/**
 * One slot: the overlap policy decides against the schedule's work not yet ended, then the slot's row is
 * inserted (the unique slot key: of two schedulers, one gets it) and, when it is to fire, its run is queued.
 * Returns what became of the slot, or null when another scheduler had it.
 */
export async function fireSlot(deps: FireDeps, schedule: ScheduleRow, slot: Date): Promise<FireOutcome | null> {
  const busy = await deps.store.scheduleBusy(schedule.id);
  const previous = busy.at(-1);
  let outcome: FireOutcome = 'firing';
  let detail: string | null = null;
  if (previous && schedule.overlap === 'skip') {
    outcome = 'skipped';
    detail = `overlap skip: ${described(previous)} had not ended`;
  } else if (previous && schedule.overlap === 'queue') {
    outcome = 'waiting';
    detail = `overlap queue: starts when ${described(previous)} has ended`;
  } else if (previous) {
    detail = `overlap replace: cancelled ${busy.filter((f) => f.runId !== null).map((f) => `run ${f.runId}`).join(', ') || 'nothing'}`;
  }
  if (!(await deps.store.claimScheduleFire({ scheduleId: schedule.id, slot, outcome, detail }))) return null;
  if (outcome !== 'firing') return outcome;
  for (const fire of busy) {
    if (fire.runId === null) continue;
    // Ended meanwhile: nothing to cancel.
    await deps.runs.cancel(fire.runId).catch((error: unknown) => {
      if (!(error instanceof CoreError && error.code === 'INVALID_STATE')) throw error;
    });
  }
  return startFire(deps, schedule, slot, detail);
}

/**
 * Queues the run of a slot whose row says 'firing', and records it. The run's idempotency key makes this safe to
 * repeat: a scheduler finishing a slot left 'firing' by a crash (its run perhaps queued already) gets that run
 * back, never a second one. A target that cannot be queued (a plan removed, a parameter no longer valid) is
 * recorded as 'failed' with the reason; a database that does not answer leaves the row 'firing' for later.
 */
export async function startFire(deps: FireDeps, schedule: ScheduleRow, slot: Date, detail: string | null = null): Promise<FireOutcome> {
  const failed = async (error: unknown) => {
    await deps.store.finishScheduleFire({ scheduleId: schedule.id, slot, outcome: 'failed', detail: (error as Error).message.slice(0, 2000) });
    return 'failed' as const;
  };
  let target: ExpandedTarget;
  try {
    target = await deps.expand(schedule);
  } catch (error) {
    if (error instanceof CoreError && error.code === 'DATABASE_UNAVAILABLE') throw error;
    return failed(error);
  }
  let run;
  try {
    ({ run } = await deps.runs.enqueue({
      plan: target.plan, params: target.params, kind: target.kind, source: `schedule ${schedule.name} (${target.source})`,
      lane: schedule.lane, sessionId: schedule.sessionId, idempotencyKey: fireKey(schedule.id, slot),
    }));
  } catch (error) {
    if (error instanceof CoreError && error.code !== 'DATABASE_UNAVAILABLE') return failed(error);
    throw error;
  }
  await deps.store.finishScheduleFire({ scheduleId: schedule.id, slot, outcome: 'fired', runId: run.id, detail });
  return 'fired';
}

/**
 * Overlap queue: the oldest waiting slot starts once nothing of the schedule is queued, running or being
 * queued. Of two schedulers, the one whose update moves the row from 'waiting' to 'firing' starts it.
 */
export async function startWaiting(deps: FireDeps, schedule: ScheduleRow): Promise<{ slot: Date; outcome: FireOutcome } | null> {
  const busy = await deps.store.scheduleBusy(schedule.id);
  if (busy.some(isActive)) return null;
  const next = busy.find((fire) => fire.outcome === 'waiting');
  if (!next || !(await deps.store.startWaitingFire(schedule.id, next.slot))) return null;
  return { slot: next.slot, outcome: await startFire(deps, schedule, next.slot) };
}
