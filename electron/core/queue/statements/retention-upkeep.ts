import { PurgeReportSchema, type PurgeReport, type SessionRetention } from '../../../../shared/domain/retention.ts';
import { CoreError } from '../../errors.ts';
import type { Sql } from '../../db/sql.ts';

/** The sessions with a retention period of their own. */
export async function listSessionRetention(sql: Sql): Promise<SessionRetention[]> {
  const { rows } = await sql.query<{ id: number; title: string; retention_days: number }>(
    'SELECT id, title, retention_days FROM sessions WHERE retention_days IS NOT NULL ORDER BY id');
  return rows.map((r) => ({ id: r.id, title: r.title, retentionDays: r.retention_days }));
}

/** null: the session follows the global policy again. */
export async function setSessionRetention(sql: Sql, id: number, days: number | null): Promise<void> {
  const { affectedRows } = await sql.query('UPDATE sessions SET retention_days = $2 WHERE id = $1', [id, days]);
  if (affectedRows === 0) throw new CoreError('UNKNOWN_SESSION', `there is no session ${id}`);
}

/** The tables a purge changes: the only names vacuumTables accepts (they are put into the statement's text). */
export const PURGED_TABLES = ['run_events', 'run_steps', 'runs', 'proofs', 'artifacts'] as const;
export type PurgedTable = (typeof PURGED_TABLES)[number];

/** Rows per table as the planner's statistics know them (no scan): the larger of the count the last VACUUM or
 * ANALYZE stored (kept across a crash, which resets the other) and the live rows counted since. */
export async function liveRows(sql: Sql): Promise<Record<PurgedTable, number>> {
  const { rows } = await sql.query<{ name: PurgedTable; n: number }>(`
    SELECT c.relname AS name, greatest(c.reltuples, s.n_live_tup, 0)::bigint AS n
    FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
    WHERE c.relname = ANY($1::text[]) AND c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace`, [PURGED_TABLES]);
  const counts = Object.fromEntries(PURGED_TABLES.map((t) => [t, 0])) as Record<PurgedTable, number>;
  for (const row of rows) counts[row.name] = Number(row.n);
  return counts;
}

/**
 * VACUUM (ANALYZE) each table, one statement each (VACUUM refuses to run inside the transaction a
 * multi-statement exec is), VACUUM FULL for those in `compact`; then, on PGlite, a CHECKPOINT, which nothing
 * else would do soon (pglite-facts Q2). PostgreSQL's own checkpointer does it there, and CHECKPOINT needs a
 * superuser.
 */
export async function vacuumTables(sql: Sql, tables: PurgedTable[], compact: PurgedTable[]): Promise<void> {
  for (const table of tables) {
    if (!PURGED_TABLES.includes(table)) throw new CoreError('INVALID_INPUT', `not a table a purge vacuums: ${table}`);
    await sql.exec(`VACUUM (${compact.includes(table) ? 'FULL, ' : ''}ANALYZE) ${table}`);
  }
  if (sql.engine === 'pglite') await sql.exec('CHECKPOINT');
}

export async function databaseSize(sql: Sql): Promise<number> {
  const { rows } = await sql.query<{ bytes: string | number }>('SELECT pg_database_size(current_database()) AS bytes');
  return Number(rows[0]!.bytes);
}

export async function recordPurge(sql: Sql, report: PurgeReport): Promise<void> {
  await sql.query('INSERT INTO retention_purges (started_at, report) VALUES ($1, $2::jsonb)', [report.startedAt, JSON.stringify(report)]);
}

/** The newest purge recorded, by any process on this database. */
export async function lastPurge(sql: Sql): Promise<PurgeReport | null> {
  const { rows } = await sql.query<{ report: Record<string, unknown> }>('SELECT report FROM retention_purges ORDER BY id DESC LIMIT 1');
  if (!rows[0]) return null;
  const parsed = PurgeReportSchema.safeParse({ ...rows[0].report, startedAt: new Date(String(rows[0].report.startedAt)) });
  return parsed.success ? parsed.data : null;
}
