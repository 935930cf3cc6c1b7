/**
 * The core's benchmark: `npm run bench`. Measures, in one run, the queue's claim + complete throughput
 * (PGlite direct and through the db-worker thread, PostgreSQL 15, graphile-worker 0.18 on the same cluster),
 * the event append rate, and the latency from a step's output line to a live subscriber, then says what
 * limits PGlite ("queue"); what a trivial step costs through the core, locally and via Desktop Commander
 * ("steps"); one MCP tool call through our client pool against the SDK's own client ("mcp"); and the UI in real
 * Chromium: `opsroom serve` start to first meaningful paint, and output line to page at 1,000 lines/s ("ui"). Progress goes
 * to stderr, the report to stdout. OPSROOM_BENCH_ONLY=steps,mcp runs only the parts named. Sizes (env):
 * OPSROOM_BENCH_RUNS (20,000, PostgreSQL and graphile-worker), OPSROOM_BENCH_PGLITE_RUNS (5,000),
 * OPSROOM_BENCH_ROUNDS (2), OPSROOM_BENCH_EVENTS (50,000), OPSROOM_BENCH_STEP_RUNS (200, bare and local
 * shell), OPSROOM_BENCH_DC_RUNS (50), OPSROOM_BENCH_MCP_CALLS (2000), OPSROOM_BENCH_UI_STARTS (3),
 * OPSROOM_BENCH_UI_LINES (5,000), OPSROOM_BENCH_COMPILE_ROUNDS (50), OPSROOM_BENCH_RELOAD_EDITS (30). "compile": a 500-task
 * tasks.md and a 200-block runbook against parsing + validating the same plan as IR JSON, and skill reload latency.
 * "history": board filters and log search at 100,000 runs / 1,000,000 events against the same questions without
 * their indexes, and what the indexes cost claims and appends (tests/bench/history.ts, OPSROOM_BENCH_HISTORY_*).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { openPostgres } from '../../electron/core/db/postgres-sql.ts';
import { migrate } from '../../electron/core/db/migrate.ts';
import { sqlStore } from '../../electron/core/queue/sql-store.ts';
import { createDatabase } from '../helpers/postgres.ts';
import { findPostmaster } from './cpu.ts';
import { measureCompile, printCompile } from './compile.ts';
import { measureEvents } from './events.ts';
import { historyPart, printHistory } from './history.ts';
import { coreLatency, pipeLatency } from './latency.ts';
import { measureMcpRoundTrip } from './mcp-roundtrip.ts';
import { measurePlanCost } from './plan-cost.ts';
import { openDirect, pgliteDirect, pgliteViaWorker, withDbWorker } from './queue-pglite.ts';
import { graphileOnPostgres, oursOnPostgres, prepareGraphile } from './queue-postgres.ts';
import { printMcpRoundTrip, printReport, printStepCost, type BenchResults } from './report.ts';
import { cluster15, release, tempDir, track } from './resources.ts';
import { seedEventRun, seedRuns } from './seed.ts';
import { fmt, progress } from './stats.ts';
import { measureStepCost } from './steps.ts';
import { measureUi, printUi } from './ui.ts';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const RUNS = env('OPSROOM_BENCH_RUNS', 20_000);
const PGLITE_RUNS = env('OPSROOM_BENCH_PGLITE_RUNS', 5_000);
const ROUNDS = env('OPSROOM_BENCH_ROUNDS', 2);
const EVENTS = env('OPSROOM_BENCH_EVENTS', 50_000);
const STEP_RUNS = env('OPSROOM_BENCH_STEP_RUNS', 200);
const DC_RUNS = env('OPSROOM_BENCH_DC_RUNS', 50);
const UI_STARTS = env('OPSROOM_BENCH_UI_STARTS', 3);
const UI_LINES = env('OPSROOM_BENCH_UI_LINES', 5000);
const MCP_CALLS = env('OPSROOM_BENCH_MCP_CALLS', 2000);
const COMPILE_ROUNDS = env('OPSROOM_BENCH_COMPILE_ROUNDS', 50);
const RELOAD_EDITS = env('OPSROOM_BENCH_RELOAD_EDITS', 30);
/** Untimed runs before the step-cost measurements: the first ones pay JIT and, for DC, its server's start-up. */
const WARMUP = 3;
const SINGLE_EVENTS = 3_000;
const LINES = 2_000;
const GAP_MS = 2;
const version = (pkg: string) =>
  JSON.parse(readFileSync(new URL(`../../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')).version as string;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

const PARTS = ['queue', 'steps', 'mcp', 'ui', 'compile', 'history'];
const only = process.env.OPSROOM_BENCH_ONLY?.split(',').map((part) => part.trim()) ?? PARTS;

async function main(): Promise<void> {
  const unknown = only.filter((part) => !PARTS.includes(part));
  if (unknown.length > 0) throw new Error(`OPSROOM_BENCH_ONLY: unknown part ${unknown.join(', ')} (parts: ${PARTS.join(', ')})`);
  console.log('Ops Control Room core benchmark');
  console.log(`Node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), ${process.platform}/${process.arch}`);
  console.log(`Parts: ${only.join(', ')}; load average at start: ${load()} (other work on the machine skews every figure)`);
  if (only.includes('queue')) printReport(await queueBench());
  if (only.includes('steps')) {
    printStepCost(await measureStepCost(tempDir('opsroom-bench-steps-'), { runs: STEP_RUNS, dcRuns: DC_RUNS, warmup: WARMUP }));
  }
  if (only.includes('mcp')) printMcpRoundTrip(await measureMcpRoundTrip(MCP_CALLS));
  if (only.includes('ui')) printUi(await measureUi({ starts: UI_STARTS, lines: UI_LINES }));
  if (only.includes('compile')) printCompile(await measureCompile(COMPILE_ROUNDS, RELOAD_EDITS));
  if (only.includes('history')) printHistory(await historyPart(env)); // issue 8: filters and log search at 1M events
  console.log(`\nLoad average at end: ${load()}`);
}

async function queueBench(): Promise<BenchResults> {
  progress('starting PostgreSQL 15');
  const cluster = await cluster15();
  const postmaster = findPostmaster(cluster.port);
  const oursUrl = createDatabase(cluster, 'bench_ours');
  const gwUrl = createDatabase(cluster, 'bench_graphile');
  const admin = track(await openPostgres(oursUrl, 1));
  const gwAdmin = track(await openPostgres(gwUrl, 1));
  await migrate(admin);
  await prepareGraphile(gwUrl);
  const pgVersion = (await admin.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;

  console.log(`PGlite ${version('@electric-sql/pglite')} (NodeFS data dir), PostgreSQL ${pgVersion} at default settings on ` +
    `loopback, graphile-worker ${version('graphile-worker')}; engines and workers share the machine`);
  console.log(`Sizes: ${fmt(RUNS)} runs per PostgreSQL queue measurement, ${fmt(PGLITE_RUNS)} per PGlite one, ${ROUNDS} rounds; ` +
    `${fmt(EVENTS)} batched + ${fmt(SINGLE_EVENTS)} single events; ${fmt(LINES)} output lines every ${GAP_MS} ms`);

  const r: Partial<BenchResults> & Pick<BenchResults, 'pgliteDirect' | 'pgliteWorker' | 'postgres' | 'graphile'> = {
    runs: RUNS, pgliteRuns: PGLITE_RUNS, rounds: ROUNDS, cores: availableParallelism(),
    pgliteDirect: [], pgliteWorker: [], postgres: [], graphile: [],
  };
  const events: Partial<BenchResults['events']> = { eventsBatched: EVENTS, eventsSingle: SINGLE_EVENTS };
  const pgliteDir = tempDir('opsroom-bench-pglite-');
  for (let round = 0; round < ROUNDS; round++) {
    progress(`round ${round + 1}/${ROUNDS}: PGlite direct`);
    const sql = await openDirect(pgliteDir);
    let perLane: Map<string, number>;
    try {
      r.pgliteDirect.push(await pgliteDirect(sql, PGLITE_RUNS));
      if (round === 0) {
        progress('statement cost (both engines), PGlite event append');
        r.plan = { pglite: await measurePlanCost(sql), postgres: await measurePlanCost(admin) };
        events.pgliteDirect = await measureEvents(sqlStore(sql), await seedEventRun(sql), EVENTS, SINGLE_EVENTS);
      }
      perLane = await seedRuns(sql, PGLITE_RUNS); // for the db-worker, which must have the folder to itself
    } finally {
      await sql.close();
    }
    progress(`round ${round + 1}/${ROUNDS}: PGlite via db-worker`);
    await withDbWorker(pgliteDir, 8, async (stores) => {
      r.pgliteWorker.push(await pgliteViaWorker(stores, perLane, PGLITE_RUNS));
      if (round === 0) {
        const [run] = await stores[0]!.listRuns({ limit: 1 });
        events.pgliteWorker = await measureEvents(stores[0]!, run!.id, EVENTS, SINGLE_EVENTS);
      }
    });
    // alternating order, so no system always runs on a warmer (or more bloated) cluster
    const systems: [string, () => Promise<unknown>][] = [
      ['ours', async () => r.postgres.push(await oursOnPostgres(admin, oursUrl, RUNS, postmaster, openPostgres))],
      ['graphile-worker', async () => r.graphile.push(await graphileOnPostgres(gwAdmin, gwUrl, RUNS, postmaster))],
    ];
    for (const [name, measure] of round % 2 ? systems.reverse() : systems) {
      progress(`round ${round + 1}/${ROUNDS}: PostgreSQL, ${name}`);
      await measure();
    }
  }
  progress('PostgreSQL event append');
  events.postgres = await measureEvents(sqlStore(admin), await seedEventRun(admin), EVENTS, SINGLE_EVENTS);
  r.events = events as BenchResults['events'];

  progress('output latency: embedded core');
  const embedded = await coreLatency({ dataDir: tempDir('opsroom-bench-core-') }, LINES, GAP_MS);
  progress('output latency: core on PostgreSQL');
  const onPostgres = await coreLatency({ databaseUrl: createDatabase(cluster, 'bench_core') }, LINES, GAP_MS);
  progress('output latency: floor');
  const pipe = await pipeLatency(LINES, GAP_MS);
  r.latency = { lines: LINES, gapMs: GAP_MS, embedded, postgres: onPostgres, pipe };

  return r as BenchResults;
}

const started = performance.now();
try {
  await main();
  progress(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
} finally {
  await release();
}
// graphile-worker and pg pools may leave timers behind; everything that matters is released above
process.exit(process.exitCode ?? 0);
