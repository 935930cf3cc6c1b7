import type { Sql } from '../../db/sql.ts';
import type { Fence } from '../store.ts';

/**
 * Every 2 s per running run. The claim_count fence makes a worker that lost its run (reclaimed after a stall)
 * see `owned: false` and stop, instead of working on in parallel with the new owner. The answer also carries
 * a pending cancel, which is how a worker in another process learns of it.
 */
const HEARTBEAT = `
UPDATE runs SET heartbeat_at = now()
 WHERE id = $1 AND claim_count = $2 AND status = 'running'
RETURNING cancel_requested_at IS NOT NULL AS cancel_requested`;

export async function heartbeat(sql: Sql, fence: Fence): Promise<{ owned: boolean; cancelRequested: boolean }> {
  const { rows } = await sql.query<{ cancel_requested: boolean }>(HEARTBEAT, [fence.runId, fence.claim]);
  return { owned: rows.length === 1, cancelRequested: rows[0]?.cancel_requested ?? false };
}
