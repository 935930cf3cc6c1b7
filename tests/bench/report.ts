import { describeCpu } from './cpu.ts';
import type { QueueResult } from './drain.ts';
import type { EventRates } from './events.ts';
import type { Latency } from './latency.ts';
import { pgliteLimits } from './limits.ts';
import type { McpRoundTrip } from './mcp-roundtrip.ts';
import type { PlanCost } from './plan-cost.ts';
import { fmt, median, rounds, section, table } from './stats.ts';
import type { StepCost } from './steps.ts';
import type { Timing } from './timing.ts';

export interface BenchResults {
  runs: number;
  pgliteRuns: number;
  rounds: number;
  cores: number;
  pgliteDirect: QueueResult[];
  pgliteWorker: QueueResult[];
  postgres: QueueResult[];
  graphile: (QueueResult & { rateFromRun: number })[];
  events: { pgliteDirect: EventRates; pgliteWorker: EventRates; postgres: EventRates; eventsBatched: number; eventsSingle: number };
  plan: { pglite: PlanCost; postgres: PlanCost };
  latency: { lines: number; gapMs: number; embedded: Latency; postgres: Latency; pipe: Latency };
}

const rate = (results: QueueResult[]) => median(results.map((r) => r.runsPerSec));
const ms = (value: number | undefined) => (value === undefined ? '' : fmt(value, 2));

function queueRow(name: string, results: QueueResult[]): string[] {
  const mid = (pick: (r: QueueResult) => number | null | undefined) => median(results.map((r) => pick(r) ?? NaN));
  return [name, rounds(results.map((r) => r.runsPerSec)),
    results[0]?.claimP50 === undefined ? '-' : `${ms(mid((r) => r.claimP50))} / ${ms(mid((r) => r.claimP99))}`,
    describeCpu({ node: mid((r) => r.cpu.node), postgres: results[0]!.cpu.postgres === null ? null : mid((r) => r.cpu.postgres) }),
    results[0]?.walPerRun === undefined ? '-' : fmt(mid((r) => r.walPerRun))];
}

export function printReport(r: BenchResults): void {
  section(`1. Claim + complete of empty runs, 8 claimers (2 per lane A-D); median of ${r.rounds} interleaved rounds`);
  console.log(`${fmt(r.pgliteRuns)} runs per PGlite measurement, ${fmt(r.runs)} per PostgreSQL one (same count for graphile-worker)`);
  table(['system', 'runs/s (each round)', 'claim p50 / p99 ms', 'CPU cores busy', 'WAL B/run'], [
    queueRow('ours, PGlite on disk, one sqlStore (8 async callers)', r.pgliteDirect),
    queueRow('ours, PGlite via db-worker thread (8 MessagePorts)', r.pgliteWorker),
    queueRow('ours, PostgreSQL 15, 8 connections', r.postgres),
    queueRow('graphile-worker 0.18, same cluster, concurrency 8', r.graphile),
  ]);
  const gw = rate(r.graphile);
  console.log(`graphile-worker is timed from its first job start; from the run() call (start-up ` +
    `${fmt(median(r.graphile.map((g) => g.startupMs!)))} ms) it does ${fmt(median(r.graphile.map((g) => g.rateFromRun)))} jobs/s. ` +
    'Ours keeps every run and two status events per run; graphile-worker deletes a job when it completes.');
  const ratio = rate(r.postgres) / gw;
  console.log(`PostgreSQL ratio ours / graphile-worker = ${fmt(ratio, 2)} (target ≥ 1.00: ${ratio >= 1 ? 'met' : 'NOT met'}).`);

  section(`2. Event append through Store.appendEvents (${fmt(r.events.eventsBatched)} batched, ${fmt(r.events.eventsSingle)} single)`);
  const eventRow = (name: string, e: EventRates) => [name, fmt(e.batched), fmt(e.meanBatch), fmt(e.single)];
  table(['engine', 'events/s via event writer', 'mean batch', 'events/s one per call'], [
    eventRow('PGlite on disk, direct', r.events.pgliteDirect),
    eventRow('PGlite via db-worker thread', r.events.pgliteWorker),
    eventRow('PostgreSQL 15, 1 connection', r.events.postgres),
  ]);

  section(`3. Output line → live subscriber (core.subscribe), ${fmt(r.latency.lines)} lines, one every ${r.latency.gapMs} ms`);
  const latencyRow = (name: string, l: Latency) => [name, fmt(l.p50, 2), fmt(l.p99, 2), fmt(l.max, 2), fmt(l.min, 2)];
  table(['path', 'p50 ms', 'p99 ms', 'max ms', 'min ms'], [
    latencyRow('createCore embedded (PGlite db-worker)', r.latency.embedded),
    latencyRow('createCore on PostgreSQL 15', r.latency.postgres),
    latencyRow('floor: same child read directly, no core', r.latency.pipe),
  ]);

  section('4. One claim + finishRun, one caller, no queueing (medians, ms)');
  console.log('"prepared": the same text PREPAREd once and EXECUTEd with inlined values; plan/exec: EXPLAIN ANALYZE');
  const planRow = (name: string, p: PlanCost) => [name, ms(p.claim.roundTrip), ms(p.claim.prepared), ms(p.claim.planning),
    ms(p.claim.execution), ms(p.finish.roundTrip), ms(p.finish.prepared), ms(p.finish.planning), ms(p.finish.execution), ms(p.select1)];
  table(['engine', 'claim', 'prepared', 'plan', 'exec', 'finishRun', 'prepared', 'plan', 'exec', 'SELECT 1'], [
    planRow('PGlite on disk', r.plan.pglite), planRow('PostgreSQL 15', r.plan.postgres),
  ]);
  console.log('\nWhat limits PGlite');
  for (const line of pgliteLimits({
    pgliteDirect: r.pgliteDirect, pgliteWorker: r.pgliteWorker, postgres: r.postgres,
    pglitePlan: r.plan.pglite, pgliteEvents: r.events.pgliteDirect, cores: r.cores,
  })) console.log(line);
}

/** A row of times against a baseline: count, median, p95, and the medians' ratio. */
const timingRow = (name: string, t: Timing, base: Timing, unit: (ms: number) => string) =>
  [name, fmt(t.n, 0), unit(t.p50), unit(t.p95), `×${fmt(t.p50 / base.p50, 2)}`];

export function printStepCost(s: StepCost): void {
  section('5. A trivial shell step (`true`) end to end, one at a time (ms per step)');
  console.log('Plans: createCore embedded (PGlite db-worker), lane A, 1 worker; timed from enqueue to core.runs.follow ' +
    'resolving with the run succeeded. Warm-up runs first; (a\') and (b) take turns.');
  const ms2 = (ms: number) => fmt(ms, 2);
  table(['path', 'n', 'p50 ms', 'p95 ms', 'p50 / bare'], [
    timingRow('(a) bare: spawn with shell: true, pipes, await close', s.bare, s.bare, ms2),
    timingRow('(a\') the same, with the core open in this process', s.bareWithCore, s.bare, ms2),
    timingRow('(b) one-step plan, local shell tool', s.local, s.bare, ms2),
    timingRow('(c) one-step plan, shell via Desktop Commander', s.dc, s.bare, ms2),
  ]);
  console.log(`Ratios of medians: (b)/(a) = ${fmt(s.local.p50 / s.bare.p50, 1)}, (c)/(a) = ${fmt(s.dc.p50 / s.bare.p50, 1)}, ` +
    `(c)/(b) = ${fmt(s.dc.p50 / s.local.p50, 1)}.`);
  console.log(`Of the ${fmt(s.local.p50 - s.bare.p50, 1)} ms a plan adds, ${fmt(s.bareWithCore.p50 - s.bare.p50, 1)} ms is spawning ` +
    `from a larger process (resident ${fmt(s.rssMb.before, 0)} MB before createCore, ${fmt(s.rssMb.withCore, 0)} MB with it); ` +
    `DC adds ${fmt(s.dc.p50 - s.local.p50, 0)} ms more, 200 of them its shell's exit trap (sleep 0.2, so DC keeps the last lines).`);
}

export function printMcpRoundTrip(m: McpRoundTrip): void {
  section('6. One MCP tools/call (echo on tests/fixtures/mcp/misbehaving-server.ts, warm, one at a time)');
  const us = (ms: number) => fmt(ms * 1000, 0);
  table(['path', 'n', 'p50 µs', 'p95 µs', 'p50 / SDK'], [
    timingRow('(a) SDK Client + StdioClientTransport', m.sdk, m.sdk, us),
    timingRow('(b) our client pool: caller() + callTool', m.pool, m.sdk, us),
    timingRow('(c) the step path: MCP tool handler (tool from memory)', m.handler, m.sdk, us),
  ]);
  console.log(`Ratios of medians: (b)/(a) = ${fmt(m.pool.p50 / m.sdk.p50, 2)}, (c)/(a) = ${fmt(m.handler.p50 / m.sdk.p50, 2)}.`);
}
