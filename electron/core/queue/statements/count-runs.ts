import { RunStatusSchema, type RunStatus } from '../../../../shared/domain/run.ts';
import type { RunCounts } from '../../../../shared/ipc/methods/sessions.ts';
import type { Sql } from '../../db/sql.ts';
import type { ActivityCounts } from '../store.ts';

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

// Three small counts, each read through a partial index (runs_running_idx, runs_queue_idx, runs_failed_idx):
// the tray asks on every refresh, so this must not scan every run ever made.
const ACTIVITY = `
SELECT (SELECT count(*) FROM runs WHERE status = 'running') AS running,
       (SELECT count(*) FROM runs WHERE status = 'queued') AS queued,
       (SELECT count(*) FROM runs WHERE status = 'failed' AND created_at >= $1::timestamptz) AS failed_recent`;

export async function countActivity(sql: Sql, failedSince: Date): Promise<ActivityCounts> {
  const { rows } = await sql.query<{ running: number; queued: number; failed_recent: number }>(ACTIVITY, [failedSince]);
  const { running, queued, failed_recent: failedRecent } = rows[0]!;
  return { running, queued, failedRecent };
}
