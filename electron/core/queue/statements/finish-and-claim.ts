import type { Sql } from '../../db/sql.ts';
import { changesFromRows } from '../rows.ts';
import type { ClaimedRun, Fence, RunChange, RunEnding } from '../store.ts';
import { CLAIMED_OUTPUT, claimCtes, claimedFromRow } from './claim.ts';
import { ENDED_OUTPUT, FINISH_CTES, finishParams } from './finish-run.ts';

/**
 * A busy lane worker ends its run and claims the lane's next one in ONE statement: one round trip and one
 * commit per run instead of two (×1.4-1.7 on PostgreSQL on top of prepared statements, `npm run bench`).
 * The CTEs are exactly those of finish-run.ts and claim.ts. Data-modifying CTEs share one snapshot, in which
 * the run being ended is still running, so it can never be the one claimed (not even when retried at once).
 */
const FINISH_AND_CLAIM = `WITH ${FINISH_CTES}, ${claimCtes('$7', '$8')}
SELECT 'ended' AS part, ${ENDED_OUTPUT}
UNION ALL
SELECT 'claimed' AS part, ${CLAIMED_OUTPUT}`;

export async function finishAndClaim(sql: Sql, fence: Fence, ending: RunEnding, lane: string, workerId: string):
  Promise<{ ended: RunChange | null; next: ClaimedRun | null }> {
  const { rows } = await sql.query(FINISH_AND_CLAIM, [...finishParams(fence, ending), lane, workerId]);
  const ended = rows.find((row) => row.part === 'ended');
  const next = rows.find((row) => row.part === 'claimed');
  return { ended: ended ? changesFromRows([ended])[0]! : null, next: next ? claimedFromRow(next) : null };
}
