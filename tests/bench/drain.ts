import type { ClaimedRun, Store } from '../../electron/core/queue/store.ts';
import type { CpuReport } from './cpu.ts';
import { LANES } from './seed.ts';
import { now } from './stats.ts';

/** Concurrent claimers, two per lane, in every queue measurement. */
export const CONNECTIONS = 8;

export interface QueueResult {
  runsPerSec: number;
  cpu: CpuReport;
  claimP50?: number;
  claimP99?: number;
  /** graphile-worker only: ms from run() until the first job started. */
  startupMs?: number;
  /** PostgreSQL only: WAL written per run (pg_current_wal_insert_lsn before and after). */
  walPerRun?: number;
}

/** Prepares both statements and loads the catalog on each connection before the clock starts: a lane that does not exist. */
export async function warmUp(stores: Store[]): Promise<void> {
  for (const store of new Set(stores)) {
    await store.claim('bench-warmup', 'bench-warmup');
    await store.finishAndClaim({ runId: 0, claim: 0 }, { status: 'succeeded' }, 'bench-warmup', 'bench-warmup');
  }
}

export interface DrainResult {
  runsPerSec: number;
  seconds: number;
  /** Round trip of each claim call, ms. */
  claimMs: number[];
}

/**
 * Our queue's loop, as a lane worker runs it with an empty run: claim(lane, workerId) when it holds nothing,
 * then finishAndClaim (end this run, claim the next, one statement) while the lane has work. `stores` get two
 * workers per lane (A, A, B, B, …) when there are 8. Each lane's workers share a counter of what the lane was
 * seeded with, so an empty claim while the peer holds the last rows locked (possible with SKIP LOCKED) is
 * retried instead of ending the loop early. claimMs: the round trip of each claim or finishAndClaim.
 */
export async function drain(stores: Store[], perLane: Map<string, number>): Promise<DrainResult> {
  const left = new Map(perLane);
  const claimMs: number[] = [];
  await warmUp(stores);
  const loop = async (store: Store, lane: string, workerId: string) => {
    let empty = 0;
    let held: ClaimedRun | null = null;
    while (held || (left.get(lane) ?? 0) > 0) {
      const t0 = now();
      let claimed: ClaimedRun | null;
      if (held) {
        const { ended, next } = await store.finishAndClaim(held.fence, { status: 'succeeded' }, lane, workerId);
        if (!ended) throw new Error(`run ${held.run.id}: the fence did not hold`);
        claimed = next;
      } else {
        claimed = await store.claim(lane, workerId);
      }
      claimMs.push(now() - t0);
      held = claimed;
      if (!claimed) {
        if ((left.get(lane) ?? 0) === 0) break;
        if (++empty > 10_000) throw new Error(`lane ${lane}: claims stay empty with ${left.get(lane)} runs left`);
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      empty = 0;
      left.set(lane, left.get(lane)! - 1);
    }
  };
  const t0 = now();
  await Promise.all(stores.map((store, i) => {
    const lane = LANES[Math.floor((i * LANES.length) / stores.length) % LANES.length]!;
    return loop(store, lane, `bench-${lane}-${i}`);
  }));
  const seconds = (now() - t0) / 1000;
  const total = [...perLane.values()].reduce((a, b) => a + b, 0);
  return { runsPerSec: total / seconds, seconds, claimMs };
}
