import type { RunEvent } from '../../../../shared/domain/run.ts';
import type { Sql } from '../../db/sql.ts';
import { EVENT_COLUMNS, eventFromRow } from '../rows.ts';
import type { Fence, StepOutcome } from '../store.ts';
import { cleanJson, cleanText } from '../clean-text.ts';

// Both statements write only while the fence holds, and log the step's event in the same statement. FOR SHARE
// makes a reclaim committing meanwhile (on PostgreSQL) either wait for this statement or be seen by it.
const OWNED = `EXISTS (SELECT 1 FROM runs WHERE id = $1 AND claim_count = $2 AND status = 'running' FOR SHARE)`;

const START = `
WITH s AS (
  UPDATE run_steps st SET status = 'running', started_at = now(), finished_at = NULL, exit_code = NULL,
         error = NULL, result = NULL, attempt = (SELECT attempt FROM runs WHERE id = $1)
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
         result = $7::jsonb
   WHERE st.run_id = $1 AND st.idx = $3 AND st.status = 'running' AND ${OWNED}
  RETURNING st.*
)
INSERT INTO run_events (run_id, attempt, step_id, kind, level, message, payload)
SELECT run_id, attempt, step_id, 'step', CASE WHEN status = 'succeeded' THEN 'info' ELSE 'error' END, $8::text,
       jsonb_build_object('status', status, 'idx', idx, 'exitCode', exit_code,
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
  const { rows } = await sql.query(FINISH, [fence.runId, fence.claim, idx, outcome.status,
    outcome.exitCode ?? null, error, result, cleanText(message)]);
  return rows.map((row) => eventFromRow(row));
}

const SKIP = `
WITH s AS (
  UPDATE run_steps st SET status = 'skipped', error = $4::text, finished_at = NULL, exit_code = NULL, result = NULL,
         attempt = (SELECT attempt FROM runs WHERE id = $1)
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
