import type { FireOutcome } from '../../../shared/domain/schedule.ts';
import type { ScheduleRow } from '../queue/statements/schedules.ts';
import { parseCron } from './cron.ts';
import { fireSlot, startFire, startWaiting, type FireDeps } from './fire-slot.ts';
import { missedDetail, planSlots } from './slots.ts';

export interface Clock {
  now(): Date;
}

export interface SchedulerOptions {
  clock: Clock;
  /** The embedded database: the data-folder lock proves no other scheduler shares it, so the first tick may
   * finish every slot left 'firing' at once (a crash), without waiting for recoverAfterMs. */
  embedded: boolean;
  /** A slot left 'firing' this long (database clock) is finished by whichever scheduler sees it. */
  recoverAfterMs?: number;
  /** The newest due slot at most this old is on time; older, it was missed (see planSlots). */
  onTimeMs?: number;
  /** Fires kept per schedule (the rest pruned about hourly). */
  keepFires?: number;
}

export interface FireReport {
  schedule: string;
  slot: Date;
  outcome: FireOutcome;
}

export interface Scheduler {
  /** One pass over every schedule at the clock's now; ticks never overlap (a second call waits for the first). */
  tick(): Promise<FireReport[]>;
  /** Ticks every tickMs until stop(); a failed tick (the database briefly away) is retried by the next. */
  start(tickMs: number): void;
  /** Stops the loop; resolves when a tick under way has ended. */
  stop(): Promise<void>;
}

const RECOVER_AFTER_MS = 30_000;
const ON_TIME_MS = 60_000;
const KEEP_FIRES = 1000;
const PRUNE_EVERY_MS = 3_600_000;

export function createScheduler(deps: FireDeps, options: SchedulerOptions): Scheduler {
  const recoverAfterMs = options.recoverAfterMs ?? RECOVER_AFTER_MS;
  const onTimeMs = options.onTimeMs ?? ON_TIME_MS;
  let firstTick = true;
  let prunedAt = -Infinity;
  let chain: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const tickSchedule = async (schedule: ScheduleRow & { waiting: boolean }, now: Date): Promise<FireReport[]> => {
    const reports: FireReport[] = [];
    const report = (slot: Date, outcome: FireOutcome | null) => outcome && reports.push({ schedule: schedule.name, slot, outcome });
    const plan = planSlots(parseCron(schedule.cron, schedule.timezone, now), schedule, now, onTimeMs);
    if (plan.missed) {
      const detail = missedDetail(plan, schedule.catchUp, schedule.catchUpLimit);
      if (await deps.store.claimScheduleFire({ scheduleId: schedule.id, slot: plan.missed.slot, outcome: 'missed', detail })) report(plan.missed.slot, 'missed');
    }
    for (const slot of plan.fire) {
      // Stopping: a slot not yet claimed is left to the next scheduler (the cursor stays before it).
      if (stopped) return reports;
      report(slot, await fireSlot(deps, schedule, slot));
    }
    if (plan.through) await deps.store.advanceScheduleCursor(schedule.id, plan.through);
    if (schedule.waiting || reports.some((r) => r.outcome === 'waiting')) {
      const started = await startWaiting(deps, schedule);
      if (started) reports.push({ schedule: schedule.name, ...started });
    }
    return reports;
  };

  const pass = async (): Promise<FireReport[]> => {
    const now = options.clock.now();
    const reports: FireReport[] = [];
    // Slots a scheduler claimed and then died on: their runs are queued (or found queued) now.
    const stale = await deps.store.staleScheduleFires(firstTick && options.embedded ? 0 : recoverAfterMs);
    firstTick = false;
    // By the wall clock, not the scheduler's: pruning is housekeeping of this process, not a slot.
    if (Date.now() - prunedAt >= PRUNE_EVERY_MS) {
      prunedAt = Date.now();
      await deps.store.pruneScheduleFires(options.keepFires ?? KEEP_FIRES);
    }
    for (const { schedule, slot } of stale) reports.push({ schedule: schedule.name, slot, outcome: await startFire(deps, schedule, slot) });
    for (const schedule of await deps.store.scheduleTickState()) {
      if (stopped) break;
      // One schedule that cannot be read (an expression croner no longer accepts) must not stop the others.
      reports.push(...await tickSchedule(schedule, now).catch(() => []));
    }
    return reports;
  };

  const tick = () => {
    const next = chain.then(pass);
    chain = next.catch(() => undefined);
    return next;
  };

  const loop = (delayMs: number, tickMs: number) => {
    timer = setTimeout(() => {
      tick().catch(() => undefined).finally(() => {
        if (!stopped) loop(tickMs, tickMs);
      });
    }, delayMs);
    // The scheduler never keeps a process alive by itself: the shell decides when it ends.
    timer.unref();
  };

  return {
    tick,
    start(tickMs) {
      stopped = false;
      loop(0, tickMs);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await chain;
    },
  };
}
