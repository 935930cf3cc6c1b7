import type { Plan } from '../../../../shared/ir/plan.ts';
import type { Sql } from '../../db/sql.ts';
import { runColumnsOf, eventColumnsAs, eventFromRow, runFromRow } from '../rows.ts';
import type { ClaimedRun } from '../store.ts';

/**
 * Claims the next runnable run of a lane in ONE statement: pick (priority, then age, honouring run_after and
 * the lane's pause) with FOR UPDATE SKIP LOCKED, mark it running, log the status event, return both with the
 * plan. One round trip and one commit per claim: on PostgreSQL 15 the claim/complete loop is CPU-bound and
 * each extra commit costs (queue-facts); SKIP LOCKED kept 8 claimers at 0 duplicates with a p99 of 3 ms
 * where plain FOR UPDATE blocked up to 22 ms (pglite-facts Q8). On PGlite there is one session, so nothing
 * is ever skipped; the statement is the same.
 *
 * An empty result means "nothing claimable right now", not "queue empty": peers may hold the rest locked.
 */
const CLAIM = `
WITH next AS (
  SELECT r.id FROM runs r
   WHERE r.lane = $1::text AND r.status = 'queued' AND r.run_after <= now()
     AND NOT EXISTS (SELECT 1 FROM lanes l WHERE l.name = $1::text AND l.paused)
   ORDER BY r.priority DESC, r.id
   LIMIT 1
   FOR UPDATE SKIP LOCKED
), claimed AS (
  UPDATE runs r
     SET status = 'running', claimed_by = $2::text, claimed_at = now(), heartbeat_at = now(),
         attempt = r.attempt + 1, claim_count = r.claim_count + 1, started_at = coalesce(r.started_at, now())
    FROM next WHERE r.id = next.id
  RETURNING r.*
), logged AS (
  INSERT INTO run_events (run_id, attempt, kind, level, message, payload)
  SELECT id, attempt, 'status', 'info',
         'running on ' || $2::text || ' (attempt ' || attempt || ' of ' || max_attempts || ')',
         jsonb_build_object('status', 'running', 'worker', $2::text)
    FROM claimed
  RETURNING *
)
SELECT ${runColumnsOf('c')}, p.ir AS plan_ir, ${eventColumnsAs('l')}
  FROM claimed c JOIN plans p ON p.id = c.plan_id JOIN logged l ON l.run_id = c.id`;

export async function claim(sql: Sql, lane: string, workerId: string): Promise<ClaimedRun | null> {
  const { rows } = await sql.query(CLAIM, [lane, workerId]);
  const row = rows[0];
  if (!row) return null;
  const run = runFromRow(row);
  return {
    run,
    plan: row.plan_ir as Plan,
    fence: { runId: run.id, claim: run.claimCount },
    events: [eventFromRow(row, 'e_')],
  };
}
