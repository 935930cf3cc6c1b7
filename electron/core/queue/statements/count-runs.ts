import { RunStatusSchema, type RunStatus } from '../../../../shared/domain/run.ts';
import type { RunCounts } from '../../../../shared/ipc/methods/sessions.ts';
import type { Sql } from '../../db/sql.ts';

/** Every status with 0: a count a screen reads never lacks a key. */
const noRuns = (): RunCounts => Object.fromEntries(RunStatusSchema.options.map((s) => [s, 0])) as RunCounts;

export async function countRuns(sql: Sql, lanes?: string[]): Promise<RunCounts> {
  const counts = noRuns();
  const { rows } = await sql.query<{ status: RunStatus; n: number }>(
    'SELECT status, count(*) AS n FROM runs WHERE $1::text[] IS NULL OR lane = ANY($1::text[]) GROUP BY status', [lanes ?? null]);
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

/** Counts for each asked key, zeros included; `column` is one of two fixed names, never caller text. */
async function countRunsBy<K extends number | string>(sql: Sql, column: 'session_id' | 'lane', keys: K[], type: string):
  Promise<Map<K, RunCounts>> {
  const counts = new Map(keys.map((key) => [key, noRuns()]));
  if (keys.length === 0) return counts;
  const { rows } = await sql.query<{ key: K; status: RunStatus; n: number }>(
    `SELECT ${column} AS key, status, count(*) AS n FROM runs WHERE ${column} = ANY($1::${type}[]) GROUP BY 1, 2`, [keys]);
  for (const row of rows) counts.get(row.key)![row.status] = row.n;
  return counts;
}

/** Served by runs_session_idx: only the listed sessions' runs are read. */
export const countRunsBySession = (sql: Sql, sessionIds: number[]) => countRunsBy(sql, 'session_id', sessionIds, 'bigint');

export const countRunsByLane = (sql: Sql, lanes: string[]) => countRunsBy(sql, 'lane', lanes, 'text');
