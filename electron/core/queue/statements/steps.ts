import type { RunEvent } from '../../../../shared/domain/run.ts';
import type { Sql } from '../../db/sql.ts';
import { EVENT_COLUMNS, eventFromRow } from '../rows.ts';
import type { Fence, StepOutcome, StepSettlement } from '../store.ts';
import { cleanJson, cleanText } from '../clean-text.ts';

// Every statement writes only while the fence holds, and logs the step's event in the same statement. FOR SHARE
// makes a reclaim committing meanwhile (on PostgreSQL) either wait for this statement or be seen by it.
const OWNED = `EXISTS (SELECT 1 FROM runs WHERE id = $1 AND claim_count = $2 AND status = 'running' FOR SHARE)`;

// A step starting again (a later attempt of the run) forgets how an earlier attempt settled it.
const START = `
WITH s AS (
  UPDATE run_steps st SET status = 'running', started_at = now(), finished_at = NULL, exit_code = NULL,
         error = NULL, result = NULL, attempt = (SELECT attempt FROM runs WHERE id = $1),
         settled_by = 'run', reused_from = NULL, outputs = NULL
   WHERE st.run_id = $1 AND st.idx = $3 AND ${OWNED}
  RETURNING st.*
)
INSERT INTO run_events (run_id, attempt, step_id, kind, level, message, payload)
SELECT run_id, attempt, step_id, 'step', 'info', 'step ' || step_id || ' started (' || tool || ')',
       jsonb_build_object('status', 'running', 'idx', idx)
  FROM s
RETURNING ${EVENT_COLUMNS}`;

const FINISH = `
WITH s AS (
  UPDATE run_steps st SET status = $4::text, finished_at = now(), exit_code = $5::integer, error = $6::text,
         result = $7::jsonb, outputs = $9::jsonb, settled_by = $10::text
   WHERE st.run_id = $1 AND st.idx = $3 AND st.status = 'running' AND ${OWNED}
  RETURNING st.*
)
INSERT INTO run_events (run_id, attempt, step_id, kind, level, message, payload)
SELECT run_id, attempt, step_id, 'step', CASE WHEN status = 'succeeded' THEN 'info' ELSE 'error' END, $8::text,
       jsonb_build_object('status', status, 'idx', idx, 'exitCode', exit_code, 'settledBy', settled_by,
                          'durationMs', round(extract(epoch FROM finished_at - started_at) * 1000))
  FROM s
RETURNING ${EVENT_COLUMNS}`;

/** Returns the stored event, or none when the fence no longer holds. */
export async function startStep(sql: Sql, fence: Fence, idx: number): Promise<RunEvent[]> {
  const { rows } = await sql.query(START, [fence.runId, fence.claim, idx]);
  return rows.map((row) => eventFromRow(row));
}

export async function finishStep(
  sql: Sql, fence: Fence, idx: number, outcome: StepOutcome, message: string,
): Promise<RunEvent[]> {
  const result = outcome.result === undefined ? null : JSON.stringify(cleanJson(outcome.result));
  const error = outcome.error == null ? null : cleanText(outcome.error);
  const outputs = outcome.outputs == null ? null : JSON.stringify(cleanJson(outcome.outputs));
  const { rows } = await sql.query(FINISH, [fence.runId, fence.claim, idx, outcome.status,
    outcome.exitCode ?? null, error, result, cleanText(message), outputs, outcome.settledBy ?? 'run']);
  return rows.map((row) => eventFromRow(row));
}

const SKIP = `
WITH s AS (
  UPDATE run_steps st SET status = 'skipped', error = $4::text, finished_at = NULL, exit_code = NULL, result = NULL,
         attempt = (SELECT attempt FROM runs WHERE id = $1), settled_by = 'run', reused_from = NULL, outputs = NULL
   WHERE st.run_id = $1 AND st.idx = ANY($3::integer[]) AND st.status <> 'running' AND ${OWNED}
  RETURNING st.*
)
INSERT INTO run_events (run_id, attempt, step_id, kind, level, message, payload)
SELECT run_id, (SELECT attempt FROM runs WHERE id = $1), step_id, 'step', 'warn', 'step ' || step_id || ' skipped: ' || $4::text,
       jsonb_build_object('status', 'skipped', 'idx', idx)
  FROM s
RETURNING ${EVENT_COLUMNS}`;

/** Marks steps that will not run (a step they need failed, or the run stopped) as skipped, with the reason. */
export async function skipSteps(sql: Sql, fence: Fence, idxs: number[], reason: string): Promise<RunEvent[]> {
  if (idxs.length === 0) return [];
  const { rows } = await sql.query(SKIP, [fence.runId, fence.claim, idxs, cleanText(reason)]);
  return rows.map((row) => eventFromRow(row)).sort((a, b) => a.seq - b.seq);
}

// Settled without a start: a succeeded or failed step gets a zero-length run (finished_at is required for both),
// a skipped one none. Exit code and result are copied from the outputs, so the run view reads them as usual.
const SETTLE = `
WITH i AS (
  SELECT * FROM jsonb_to_recordset($3::jsonb)
      AS x(idx integer, status text, settled_by text, reason text, message text, outputs jsonb, reused_from bigint)
), s AS (
  UPDATE run_steps st SET status = i.status, settled_by = i.settled_by, reused_from = i.reused_from,
         outputs = i.outputs, exit_code = (i.outputs ->> 'exitCode')::integer, result = i.outputs -> 'result',
         error = CASE WHEN i.status = 'succeeded' THEN NULL ELSE i.reason END,
         started_at = CASE WHEN i.status = 'skipped' THEN NULL ELSE now() END,
         finished_at = CASE WHEN i.status = 'skipped' THEN NULL ELSE now() END,
         attempt = (SELECT attempt FROM runs WHERE id = $1)
    FROM i
   WHERE st.run_id = $1 AND st.idx = i.idx AND st.status <> 'running' AND ${OWNED}
  RETURNING st.run_id, st.idx, st.step_id, st.status, st.settled_by, st.reused_from, st.attempt, i.reason, i.message
)
INSERT INTO run_events (run_id, attempt, step_id, kind, level, message, payload)
SELECT run_id, attempt, step_id, 'step',
       CASE status WHEN 'succeeded' THEN 'info' WHEN 'failed' THEN 'error' ELSE 'warn' END, message,
       jsonb_build_object('status', status, 'idx', idx, 'settledBy', settled_by, 'reusedFrom', reused_from, 'reason', reason)
  FROM s ORDER BY idx
RETURNING ${EVENT_COLUMNS}`;

/**
 * Settles steps without running them, each with its status, how it was settled, its reason and (reused) its
 * outputs and source run, and logs each step's event, in one statement while the fence holds; else [].
 */
export async function settleSteps(sql: Sql, fence: Fence, settlements: StepSettlement[]): Promise<RunEvent[]> {
  if (settlements.length === 0) return [];
  const rows = settlements.map((s) => ({
    idx: s.idx, status: s.status, settled_by: s.settledBy, reason: cleanText(s.reason), message: cleanText(s.message),
    outputs: s.outputs == null ? null : cleanJson(s.outputs), reused_from: s.reusedFrom ?? null,
  }));
  const { rows: events } = await sql.query(SETTLE, [fence.runId, fence.claim, JSON.stringify(rows)]);
  return events.map((row) => eventFromRow(row)).sort((a, b) => a.seq - b.seq);
}
