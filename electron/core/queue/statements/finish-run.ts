import type { Sql } from '../../db/sql.ts';
import { runColumnsOf, changesFromRows, eventColumnsAs } from '../rows.ts';
import type { Fence, RunChange, RunEnding } from '../store.ts';

/**
 * Ends the owner's claim in one statement. A failure goes back to the queue with run_after = now + backoff
 * while attempts remain (and no cancel is pending), else it is final. Returns null when the fence no longer
 * holds: the run was reclaimed or cancelled meanwhile, and this worker's result must not overwrite it.
 */
const FINISH = `
WITH ended AS (
  UPDATE runs r SET
    status = CASE WHEN retry.yes THEN 'queued' ELSE $3::text END,
    run_after = CASE WHEN retry.yes THEN now() + $5::bigint * interval '1 millisecond' ELSE r.run_after END,
    finished_at = CASE WHEN retry.yes THEN NULL ELSE now() END,
    error = $4::text,
    result = $6::jsonb
    FROM (SELECT $3::text = 'failed' AND attempt < max_attempts AND cancel_requested_at IS NULL AS yes
            FROM runs WHERE id = $1) retry
   WHERE r.id = $1 AND r.claim_count = $2 AND r.status = 'running'
  RETURNING r.*
), logged AS (
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
)
SELECT ${runColumnsOf('e')}, ${eventColumnsAs('l')}
  FROM ended e JOIN logged l ON l.run_id = e.id`;

export async function finishRun(sql: Sql, fence: Fence, ending: RunEnding): Promise<RunChange | null> {
  const error = ending.status === 'succeeded' ? null : (ending.error ?? 'cancelled on request');
  const delay = ending.status === 'failed' ? Math.max(0, Math.round(ending.retryDelayMs)) : 0;
  const result = ending.status === 'succeeded' && ending.result !== undefined ? JSON.stringify(ending.result) : null;
  const { rows } = await sql.query(FINISH, [fence.runId, fence.claim, ending.status, error, delay, result]);
  return changesFromRows(rows)[0] ?? null;
}
