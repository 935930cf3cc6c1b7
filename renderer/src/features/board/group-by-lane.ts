import type { RunCard } from '../../../../shared/ipc/methods/runs.ts';

export interface LaneGroup {
  /** A lane name, or null for the column of runs on lanes the board has no column for. */
  lane: string | null;
  runs: RunCard[];
}

/**
 * Runs into one group per board lane, in the lanes' order, keeping each run's order within its lane (the
 * server's: newest first). Runs on a lane outside `lanes` (one that was removed, or served elsewhere) get a
 * last group so no run disappears; it is present only when it has runs.
 */
export function groupByLane(runs: readonly RunCard[], lanes: readonly string[]): LaneGroup[] {
  const groups = new Map<string, RunCard[]>(lanes.map((lane) => [lane, []]));
  const others: RunCard[] = [];
  for (const run of runs) (groups.get(run.lane) ?? others).push(run);
  const result: LaneGroup[] = lanes.map((lane) => ({ lane, runs: groups.get(lane)! }));
  if (others.length) result.push({ lane: null, runs: others });
  return result;
}
