import type { StepProgress } from '../../../../shared/ipc/methods/runs.ts';
import type { Sql } from '../../db/sql.ts';

// One statement for a whole page of runs (not one per card), read along run_steps' primary key. A skipped step
// counts as done: the run got past it.
const PROGRESS = `
SELECT run_id, count(*) AS total,
       count(*) FILTER (WHERE status IN ('succeeded', 'skipped')) AS done,
       count(*) FILTER (WHERE status = 'failed') AS failed,
       count(*) FILTER (WHERE status = 'running') AS running
  FROM run_steps WHERE run_id = ANY($1::bigint[]) GROUP BY run_id`;

/** Each asked run's step progress; a run with no steps (or no such run) gets zeros. */
export async function stepProgress(sql: Sql, runIds: number[]): Promise<Map<number, StepProgress>> {
  const progress = new Map(runIds.map((id) => [id, { total: 0, done: 0, failed: 0, running: 0 }]));
  if (runIds.length === 0) return progress;
  const { rows } = await sql.query<StepProgress & { run_id: number }>(PROGRESS, [runIds]);
  for (const { run_id: runId, ...counts } of rows) progress.set(runId, counts);
  return progress;
}
