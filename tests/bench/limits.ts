import type { QueueResult } from './drain.ts';
import type { EventRates } from './events.ts';
import type { PlanCost } from './plan-cost.ts';
import { fmt, median, pct } from './stats.ts';

export interface LimitInputs {
  pgliteDirect: QueueResult[];
  pgliteWorker: QueueResult[];
  postgres: QueueResult[];
  pglitePlan: PlanCost;
  pgliteEvents: EventRates;
  cores: number;
}

const rate = (results: QueueResult[]) => median(results.map((r) => r.runsPerSec));
const p99 = (results: QueueResult[]) => median(results.map((r) => r.claimP99 ?? NaN));
const cores = (results: QueueResult[], pick: (r: QueueResult) => number) => median(results.map(pick));

/** "What limits PGlite": 2-4 lines, each a statement about numbers measured in this run. */
export function pgliteLimits(m: LimitInputs): string[] {
  const direct = rate(m.pgliteDirect);
  const viaWorker = rate(m.pgliteWorker);
  const pg = rate(m.postgres);
  const directCpu = cores(m.pgliteDirect, (r) => r.cpu.node);
  const pgCpu = cores(m.postgres, (r) => r.cpu.node + (r.cpu.postgres ?? 0));
  const c = m.pglitePlan.claim;
  const f = m.pglitePlan.finish;
  const perCall = 1000 / m.pgliteEvents.single;
  const work = c.roundTrip + f.roundTrip;
  const planning = c.planning + f.planning;
  const prepared = c.prepared + f.prepared;
  return [
    `- One connection, one thread: 8 concurrent callers drained ${fmt(direct)} runs/s against ${fmt(1000 / work)} for one ` +
      `caller alone (claim + finishRun ${fmt(work, 2)} ms), the process using ${fmt(directCpu, 2)} of ` +
      `${m.cores} cores; PostgreSQL's 8 connections did ${fmt(pg)} runs/s on ${fmt(pgCpu, 2)} cores (×${fmt(pg / direct, 1)}).`,
    `- Parse and plan on every call: alone, claim + finishRun take ${fmt(work, 2)} ms; PREPAREd once and EXECUTEd they take ` +
      `${fmt(prepared, 2)} ms (−${pct(1 - prepared / work)}), EXPLAIN putting planning alone at ${fmt(planning, 2)} ms. ` +
      `Each query() is an unnamed statement, so PGlite pays this each time.`,
    `- Every statement is its own commit on that one thread: single-event appends ran at ${fmt(m.pgliteEvents.single)}/s ` +
      `(${fmt(perCall, 3)} ms each, SELECT 1 alone ${fmt(m.pglitePlan.select1, 3)} ms) against ${fmt(m.pgliteEvents.batched)}/s ` +
      `in writer batches (×${fmt(m.pgliteEvents.batched / m.pgliteEvents.single, 1)}): the cost is per statement, not per row.`,
    `- The db-worker hop (a second thread, one MessagePort per caller) kept ${pct(viaWorker / direct)} of the direct rate ` +
      `(${fmt(viaWorker)} runs/s; claim p99 ${fmt(p99(m.pgliteWorker), 0)} ms, direct ${fmt(p99(m.pgliteDirect), 0)} ms): ` +
      (viaWorker / direct >= 0.85 ? 'the thread hop is not what limits it.' : `the hop costs ${pct(1 - viaWorker / direct)}.`),
  ];
}
