import type { NewRunEvent, RunEvent } from '../../../../shared/domain/run.ts';
import type { Sql } from '../../db/sql.ts';
import { EVENT_COLUMNS, eventFromRow } from '../rows.ts';

/**
 * Appends a batch in one statement: unnest ran about 55k rows/s on PGlite against about 8k/s row by row
 * (pglite-facts Q1). seq follows the array order, and the rows come back sorted by it.
 */
const APPEND = `
INSERT INTO run_events (run_id, attempt, step_id, kind, level, message, payload)
SELECT e.run_id, e.attempt, e.step_id, e.kind, e.level, e.message, e.payload::jsonb
  FROM unnest($1::bigint[], $2::integer[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
       WITH ORDINALITY AS e(run_id, attempt, step_id, kind, level, message, payload, n)
 ORDER BY e.n
RETURNING ${EVENT_COLUMNS}`;

export async function appendEvents(sql: Sql, events: NewRunEvent[]): Promise<RunEvent[]> {
  if (events.length === 0) return [];
  const { rows } = await sql.query(APPEND, [
    events.map((e) => e.runId), events.map((e) => e.attempt), events.map((e) => e.stepId),
    events.map((e) => e.kind), events.map((e) => e.level), events.map((e) => e.message),
    events.map((e) => (e.payload ? JSON.stringify(e.payload) : null)),
  ]);
  return rows.map((row) => eventFromRow(row)).sort((a, b) => a.seq - b.seq);
}
