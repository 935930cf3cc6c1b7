import { CoreError } from '../../errors.ts';
import type { Sql } from '../../db/sql.ts';
import { changesFromRows, eventColumnsAs, runColumnsOf, runFromRow, RUN_COLUMNS } from '../rows.ts';
import type { RunChange } from '../store.ts';

/**
 * A queued run is cancelled at once. A running one is marked cancel-requested: its worker learns it from the
 * host's message (same process) or from its next heartbeat (any process, within 2 s), kills the step and
 * ends the run as cancelled.
 */
const CANCEL = `
WITH c AS (
  UPDATE runs r SET
    status = CASE WHEN r.status = 'queued' THEN 'cancelled' ELSE r.status END,
    finished_at = CASE WHEN r.status = 'queued' THEN now() ELSE r.finished_at END,
    error = CASE WHEN r.status = 'queued' THEN 'cancelled before it started' ELSE r.error END,
    cancel_requested_at = coalesce(r.cancel_requested_at, now())
   WHERE r.id = $1 AND r.status IN ('queued', 'running')
  RETURNING r.*
), logged AS (
  INSERT INTO run_events (run_id, attempt, kind, level, message, payload)
  SELECT id, attempt, 'status', 'warn',
         CASE WHEN status = 'cancelled' THEN 'cancelled before it started' ELSE 'cancel requested' END,
         jsonb_build_object('status', status, 'cancelRequested', true)
    FROM c
  RETURNING *
)
SELECT ${runColumnsOf('c')}, ${eventColumnsAs('l')} FROM c JOIN logged l ON l.run_id = c.id`;

export async function cancel(sql: Sql, runId: number): Promise<RunChange> {
  const { rows } = await sql.query(CANCEL, [runId]);
  const change = changesFromRows(rows)[0];
  if (change) return change;
  const existing = await sql.query(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = $1`, [runId]);
  if (!existing.rows[0]) throw new CoreError('UNKNOWN_RUN', `there is no run ${runId}`);
  const run = runFromRow(existing.rows[0]);
  throw new CoreError('INVALID_STATE', `run ${runId} already ${run.status}; only queued or running runs can be cancelled`);
}
