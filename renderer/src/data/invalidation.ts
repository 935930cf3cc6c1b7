import { isApprovalEvent } from '../../../shared/domain/approval.ts';
import type { RunEvent } from '../../../shared/domain/run.ts';
import type { ChangedTopic } from '../../../shared/ipc/events.ts';
import { keys } from './keys.ts';

export type QueryKey = readonly unknown[];

/**
 * Which cached reads a pushed run event makes stale. Status and step events move a run's card (status,
 * progress), its session's and lane's counts; proof events add verdicts. Output and log lines change none of
 * these: the Run view follows them itself.
 */
export function keysForEvents(events: readonly RunEvent[]): QueryKey[] {
  const result: QueryKey[] = [];
  let boardTouched = false;
  for (const event of events) {
    if (event.kind === 'status' || event.kind === 'step') {
      boardTouched = true;
      result.push(keys.run(event.runId), keys.artifacts(event.runId));
    } else if (event.kind === 'proof') {
      result.push(keys.proofs(event.runId));
    }
    if (isApprovalEvent(event)) result.push(keys.approvalsAll);
  }
  if (boardTouched) result.push(keys.runsAll, keys.sessionsAll, keys.lanes);
  return result;
}

/** A `changed` push names a list that changed elsewhere (another window, the CLI). */
export function keysForTopic(topic: ChangedTopic): QueryKey[] {
  switch (topic) {
    case 'sessions': return [keys.sessionsAll];
    case 'lanes': return [keys.lanes];
    case 'commands': return [keys.commands];
    case 'plans': return [keys.plans];
    // A server's tools change with it (test, refresh, remove).
    case 'mcp': return [keys.mcp, keys.toolsAll];
    case 'skills': return [keys.skills];
    case 'schedules': return [keys.schedules];
  }
}

/**
 * Collects keys and hands them over once per scheduled flush, each key once: a burst of 200 step events
 * becomes one refetch of the board instead of 200.
 */
export function createCoalescer(flush: (keys: QueryKey[]) => void, schedule: (run: () => void) => void) {
  const pending = new Map<string, QueryKey>();
  let scheduled = false;
  return (add: readonly QueryKey[]) => {
    for (const key of add) pending.set(JSON.stringify(key), key);
    if (scheduled || pending.size === 0) return;
    scheduled = true;
    schedule(() => {
      scheduled = false;
      const batch = [...pending.values()];
      pending.clear();
      flush(batch);
    });
  };
}
