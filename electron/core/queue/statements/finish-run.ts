import type { Sql } from '../../db/sql.ts';
import { changesFromRows, eventColumnsAs, runColumnsOf } from '../rows.ts';
import type { Fence, RunChange, RunEnding } from '../store.ts';

/**
 * Ends the owner's claim in one statement. A failure goes back to the queue with run_after = now + backoff
 * while attempts remain (and no cancel is pending), else it is final. Nothing comes back when the fence no
 * longer holds: the run was reclaimed or cancelled meanwhile, and this worker's result must not overwrite it.
 * Parameters, in order: run id, claim count, status, error, retry delay (ms), result (JSON text).
 * The CTEs are also the first half of finish-and-claim.ts.
 */
// Whether the failure is retried, from the row as it was: SET expressions all see the old values.
const RETRY = `($3::text = 'failed' AND r.attempt < r.max_attempts AND r.cancel_requested_at IS NULL)`;

export const FINISH_CTES = `
ended AS (
  UPDATE runs r SET
    status = CASE WHEN ${RETRY} THEN 'queued' ELSE $3::text END,
    run_after = CASE WHEN ${RETRY} THEN now() + $5::bigint * interval '1 millisecond' ELSE r.run_after END,
    finished_at = CASE WHEN ${RETRY} THEN NULL ELSE now() END,
    error = $4::text,
    result = $6::jsonb
   WHERE r.id = $1 AND r.claim_count = $2 AND r.status = 'running'
  RETURNING r.*
), ended_steps AS (
  -- a step still marked running (its end could not be recorded) is closed with the run, never left a ghost
  UPDATE run_steps st SET status = CASE WHEN e.status = 'cancelled' THEN 'cancelled' ELSE 'failed' END,
         finished_at = now(), error = 'interrupted: ' || coalesce(e.error, e.status)
    FROM ended e WHERE st.run_id = e.id AND st.status = 'running'
), end_logged AS (
  INSERT INTO run_events (run_id, attempt, kind, level, message, payload)
  SELECT id, attempt, 'status', CASE WHEN status = 'succeeded' THEN 'info' ELSE 'error' END,
         CASE
           WHEN status = 'queued' THEN 'attempt ' || attempt || ' failed: ' || error || '; retry '
             || (attempt + 1) || ' of ' || max_attempts || ' in ' || round($5::numeric / 1000, 1) || ' s'
           WHEN status = 'succeeded' THEN 'succeeded'
           ELSE status || coalesce(': ' || error, '') END,
         jsonb_build_object('status', status, 'error', error)
    FROM ended
  RETURNING *
)`;

/** Shaped like claim.ts's CLAIMED_OUTPUT (plan_ir is null here), so finish-and-claim can UNION the two. */
export const ENDED_OUTPUT = `${runColumnsOf('e')}, NULL::jsonb AS plan_ir, ${eventColumnsAs('l')}
  FROM ended e JOIN end_logged l ON l.run_id = e.id`;

const FINISH = `WITH ${FINISH_CTES} SELECT ${ENDED_OUTPUT}`;

/** The six parameters of FINISH_CTES for an ending. */
export function finishParams(fence: Fence, ending: RunEnding): unknown[] {
  const error = ending.status === 'succeeded' ? null : (ending.error ?? 'cancelled on request');
  const delay = ending.status === 'failed' ? Math.max(0, Math.round(ending.retryDelayMs)) : 0;
  const result = ending.status === 'succeeded' && ending.result !== undefined ? JSON.stringify(ending.result) : null;
  return [fence.runId, fence.claim, ending.status, error, delay, result];
}

export async function finishRun(sql: Sql, fence: Fence, ending: RunEnding): Promise<RunChange | null> {
  const { rows } = await sql.query(FINISH, finishParams(fence, ending));
  return changesFromRows(rows)[0] ?? null;
}
