import type { Sql } from '../../db/sql.ts';
import { changesFromRows, eventColumnsAs, runColumnsOf } from '../rows.ts';
import type { ReclaimRequest, RunChange } from '../store.ts';

/** A run that has lost its worker this many times is failed instead of requeued: it is likely what kills it. */
export const MAX_RECLAIMS = 5;

/**
 * Takes running runs back from workers that stopped heartbeating (or are known dead). The interrupted try does
 * not use up an attempt: attempt is given back and the run is queued again at once. Its running step is
 * closed as failed so the step table never shows a ghost. A pending cancel is honoured instead of requeueing.
 */
const RECLAIM = `
WITH stale AS (
  SELECT id FROM runs
   WHERE status = 'running'
     AND (heartbeat_at < now() - $1::bigint * interval '1 millisecond' OR claimed_by = ANY($2::text[]))
     -- $1 NULL (no age given) makes the first test NULL: only the named workers' runs match
   FOR UPDATE SKIP LOCKED
), r AS (
  UPDATE runs SET
    status = CASE WHEN cancel_requested_at IS NOT NULL THEN 'cancelled'
                  WHEN reclaims + 1 >= ${MAX_RECLAIMS} THEN 'failed' ELSE 'queued' END,
    attempt = CASE WHEN cancel_requested_at IS NULL AND reclaims + 1 < ${MAX_RECLAIMS} THEN attempt - 1
                   ELSE attempt END,
    reclaims = reclaims + 1,
    run_after = now(),
    finished_at = CASE WHEN cancel_requested_at IS NOT NULL OR reclaims + 1 >= ${MAX_RECLAIMS} THEN now() END,
    error = $3::text || ' (worker ' || claimed_by || ', last heartbeat ' ||
            round(extract(epoch FROM now() - heartbeat_at)::numeric, 1) || ' s ago)'
    FROM stale WHERE runs.id = stale.id
  RETURNING runs.*
), steps AS (
  UPDATE run_steps SET status = 'failed', finished_at = now(), error = 'interrupted: ' || r.error
    FROM r WHERE run_steps.run_id = r.id AND run_steps.status = 'running'
), logged AS (
  INSERT INTO run_events (run_id, attempt, kind, level, message, payload)
  SELECT id, attempt, 'status', 'warn',
         CASE WHEN status = 'queued' THEN 'reclaimed and requeued: ' || error
              ELSE status || ': ' || error END,
         jsonb_build_object('status', status, 'reclaimed', true)
    FROM r
  RETURNING *
)
SELECT ${runColumnsOf('r')}, ${eventColumnsAs('l')} FROM r JOIN logged l ON l.run_id = r.id ORDER BY r.id`;

export async function reclaim(sql: Sql, request: ReclaimRequest): Promise<RunChange[]> {
  const { rows } = await sql.query(RECLAIM, [request.olderThanMs ?? null, request.workerIds ?? [], request.reason]);
  return changesFromRows(rows);
}
