import { RunFilterSchema, type Run, type RunEvent, type RunFilter } from '../../../../shared/domain/run.ts';
import type { Sql } from '../../db/sql.ts';
import { EVENT_COLUMNS, RUN_COLUMNS, eventFromRow, runFromRow } from '../rows.ts';
import { containsPattern, runFilterWhere } from './run-filter-sql.ts';

export interface LogWindowRequest {
  /** What a person typed: a line matches when each word of it starts a word of the line and the text appears
   * in the line as typed, case-insensitively (the board's text filter, applied to log lines). Output, log, step
   * and proof lines are searched; status lines are not. */
  text: string;
  /** The text's searchQuery (run-filter-sql.ts), asked once per search: "" for text without words. */
  words: string;
  /** The runs' filter (its text, limit ignored): only their lines are searched. */
  filter: Omit<RunFilter, 'text' | 'limit'>;
  /** Runs with ids in (afterRunId, upToRunId]: a window of the history, searched newest first. */
  afterRunId: number;
  upToRunId: number;
  /** At most this many lines, newest run first, a run's newest line first. */
  lines: number;
}

const columns = EVENT_COLUMNS.split(', ').map((c) => `e.${c}`).join(', ');

/**
 * One window of a log search, one statement. The window bounds the work whichever plan PostgreSQL picks: the
 * lines matching a rare word come from run_events_search_idx (intersected with the window's part of the
 * primary key), a common word's from walking the window's events newest first until enough have matched. The
 * ILIKE comes first: cheap, it spares computing the words of most lines a scan reads.
 */
export async function searchLogWindow(sql: Sql, request: LogWindowRequest): Promise<RunEvent[]> {
  const params: unknown[] = [request.afterRunId, request.upToRunId];
  const runWhere = runFilterWhere({ ...RunFilterSchema.parse(request.filter), text: undefined }, params);
  // Status lines are not searched (and not in run_events_search_idx): the run's status and error say the same.
  const where = ['e.run_id > $1', 'e.run_id <= $2', "e.kind <> 'status'"];
  params.push(containsPattern(request.text));
  where.push(`e.message ILIKE $${params.length}`);
  if (request.words) {
    params.push(request.words);
    where.push(`search_words(e.message) @@ $${params.length}::tsquery`);
  }
  if (runWhere.length > 0) {
    where.push(`e.run_id IN (SELECT r.id FROM runs r WHERE r.id > $1 AND r.id <= $2 AND ${runWhere.join(' AND ')})`);
  }
  params.push(request.lines);
  const { rows } = await sql.query(`SELECT ${columns} FROM run_events e WHERE ${where.join(' AND ')}
    ORDER BY e.run_id DESC, e.seq DESC LIMIT $${params.length}`, params);
  return rows.map((row) => eventFromRow(row));
}

/** What scanLogLines read: the matching lines, how many lines it read, and the run the last one read was of. */
export interface LogScan {
  lines: RunEvent[];
  read: number;
  lastRunId: number | null;
}

/**
 * The matching lines among the newest `rows` lines of the window, read one by one along the key instead of
 * through run_events_search_idx: a common word is found in the first few hundred lines this way, where its
 * index entry lists every line that has it (20 ms for "copied" at 1,000,000 lines, against 2 ms). A log search
 * starts with it; `rows` bounds it whatever the runs' sizes.
 */
export async function scanLogLines(sql: Sql, request: LogWindowRequest & { rows: number }): Promise<LogScan> {
  const params: unknown[] = [request.afterRunId, request.upToRunId, request.rows];
  const runWhere = runFilterWhere({ ...RunFilterSchema.parse(request.filter), text: undefined }, params);
  params.push(containsPattern(request.text));
  const matches = [`w.message ILIKE $${params.length}`];
  if (request.words) {
    params.push(request.words);
    matches.push(`search_words(w.message) @@ $${params.length}::tsquery`);
  }
  params.push(request.lines);
  const inRuns = runWhere.length ? `AND e.run_id IN (SELECT r.id FROM runs r WHERE r.id > $1 AND r.id <= $2 AND ${runWhere.join(' AND ')})` : '';
  const { rows } = await sql.query<Record<string, unknown> & { read: number; last_run_id: number | null }>(`
    WITH w AS MATERIALIZED (
      SELECT ${columns} FROM run_events e WHERE e.run_id > $1 AND e.run_id <= $2 AND e.kind <> 'status' ${inRuns}
      ORDER BY e.run_id DESC, e.seq DESC LIMIT $3),
    edge AS (SELECT count(*) AS read, min(run_id) AS last_run_id FROM w)
    SELECT m.*, edge.read, edge.last_run_id FROM edge LEFT JOIN LATERAL (
      SELECT * FROM w WHERE ${matches.join(' AND ')} ORDER BY w.run_id DESC, w.seq DESC LIMIT $${params.length}) m ON true`, params);
  return {
    lines: rows.filter((row) => row.seq !== null).map((row) => eventFromRow(row)),
    read: Number(rows[0]?.read ?? 0),
    lastRunId: rows[0]?.last_run_id ?? null,
  };
}

/** These runs (those that exist), newest first. */
export async function getRuns(sql: Sql, ids: number[]): Promise<Run[]> {
  const { rows } = await sql.query(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = ANY($1::bigint[]) ORDER BY id DESC`, [ids]);
  return rows.map(runFromRow);
}

/** The newest run's id (0 for none). */
export async function lastRunId(sql: Sql): Promise<number> {
  const { rows } = await sql.query<{ id: number | null }>('SELECT max(id) AS id FROM runs');
  return rows[0]?.id ?? 0;
}
