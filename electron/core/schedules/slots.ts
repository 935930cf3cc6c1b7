import type { Cron } from 'croner';
import type { CatchUpPolicy } from '../../../shared/domain/schedule.ts';

/** Counting missed slots stops here: "1000 or more" says enough, and a tick stays bounded. */
const COUNT_CAP = 1000;

export interface SlotPlan {
  /** Slots to fire now, oldest first. */
  fire: Date[];
  /** The slots the catch-up policy lets go, told by one 'missed' row on the latest of them. */
  missed: { slot: Date; count: number; capped: boolean } | null;
  /** The newest due slot: the cursor moves here once the tick has dealt with them. Null: nothing is due. */
  through: Date | null;
}

export interface CursorState {
  /** Every slot up to here was dealt with. */
  lastSlot: Date;
  catchUp: CatchUpPolicy;
  catchUpLimit: number;
}

/**
 * What a tick does with the slots due in (lastSlot, now]. The newest due slot is on time when it is at most
 * `onTimeMs` old (a tick is late by a second or two; a closed app or a sleeping machine by much more); every
 * other due slot was missed. Catch-up 'skip' fires only an on-time slot; 'once' fires the newest due slot
 * whatever its age; 'all' fires each due slot, at most catchUpLimit of them (the newest). Work is bounded
 * whatever the gap: croner walks back from now, and counting stops at COUNT_CAP.
 */
export function planSlots(cron: Cron, state: CursorState, now: Date, onTimeMs: number): SlotPlan {
  const after = (slot: Date | undefined): slot is Date => slot !== undefined && slot.getTime() > state.lastSlot.getTime();
  // previousRuns looks strictly before its reference; 1 ms later makes a slot at exactly `now` due. One slot at
  // a time, back to the cursor: asking croner for catchUpLimit slots at once costs ~0.1 ms a slot, on every
  // tick (each second) of every schedule, even when nothing is due.
  const wanted = state.catchUp === 'all' ? state.catchUpLimit : 1;
  const recent: Date[] = [];
  for (let before = new Date(now.getTime() + 1); recent.length < wanted;) {
    const slot = cron.previousRuns(1, before)[0];
    if (!after(slot)) break;
    recent.unshift(slot);
    before = slot;
  }
  const newest = recent.at(-1);
  if (!newest) return { fire: [], missed: null, through: null };
  const onTime = now.getTime() - newest.getTime() <= onTimeMs;
  const fire = state.catchUp === 'skip' ? (onTime ? [newest] : []) : state.catchUp === 'once' ? [newest] : recent;
  const latestLetGo = cron.previousRuns(1, fire[0] ?? new Date(newest.getTime() + 1))[0];
  if (!after(latestLetGo)) return { fire, missed: null, through: newest };
  const { count, capped } = countThrough(cron, state.lastSlot, latestLetGo);
  return { fire, missed: { slot: latestLetGo, count, capped }, through: newest };
}

/** Slots in (from, through], up to COUNT_CAP. */
function countThrough(cron: Cron, from: Date, through: Date): { count: number; capped: boolean } {
  let count = 0;
  for (let slot = cron.nextRun(from); slot && slot.getTime() <= through.getTime(); slot = cron.nextRun(slot)) {
    if (++count >= COUNT_CAP) return { count, capped: true };
  }
  return { count, capped: false };
}

/** The run's idempotency key: the same slot of the same schedule is one run, whoever queues it and how often. */
export const fireKey = (scheduleId: number, slot: Date): string => `schedule:${scheduleId}:${slot.toISOString()}`;

/** Why the 'missed' slots were let go, for the fire list. */
export function missedDetail(plan: SlotPlan, policy: CatchUpPolicy, limit: number): string {
  const n = plan.missed ? `${plan.missed.count}${plan.missed.capped ? ' or more' : ''}` : '0';
  const slots = `${n} missed slot${n === '1' ? '' : 's'} not run`;
  if (policy === 'skip') return `${slots} (catch-up skip)`;
  if (policy === 'once') return `${slots} (catch-up once: the newest slot ran for them)`;
  return `${slots} (catch-up all runs at most the newest ${limit})`;
}
