/**
 * The core's benchmark: `npm run bench`. Measures, in one run, the queue's claim + complete throughput
 * (PGlite direct and through the db-worker thread, PostgreSQL 15, graphile-worker 0.18 on the same cluster),
 * the event append rate, and the latency from a step's output line to a live subscriber; then says what
 * limits PGlite, from those numbers. Progress goes to stderr, the report to stdout. Sizes (env):
 * OPSROOM_BENCH_RUNS (20,000, PostgreSQL and graphile-worker), OPSROOM_BENCH_PGLITE_RUNS (5,000),
 * OPSROOM_BENCH_ROUNDS (2), OPSROOM_BENCH_EVENTS (50,000).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { openPostgres } from '../../electron/core/db/postgres-sql.ts';
import { migrate } from '../../electron/core/db/migrate.ts';
import { sqlStore } from '../../electron/core/queue/sql-store.ts';
import { createDatabase } from '../helpers/postgres.ts';
import { findPostmaster } from './cpu.ts';
import { measureEvents } from './events.ts';
import { coreLatency, pipeLatency } from './latency.ts';
import { measurePlanCost } from './plan-cost.ts';
import { openDirect, pgliteDirect, pgliteViaWorker, withDbWorker } from './queue-pglite.ts';
import { graphileOnPostgres, oursOnPostgres, prepareGraphile } from './queue-postgres.ts';
import { printReport, type BenchResults } from './report.ts';
import { cluster15, release, tempDir, track } from './resources.ts';
import { seedEventRun, seedRuns } from './seed.ts';
import { fmt, progress } from './stats.ts';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const RUNS = env('OPSROOM_BENCH_RUNS', 20_000);
const PGLITE_RUNS = env('OPSROOM_BENCH_PGLITE_RUNS', 5_000);
const ROUNDS = env('OPSROOM_BENCH_ROUNDS', 2);
const EVENTS = env('OPSROOM_BENCH_EVENTS', 50_000);
const SINGLE_EVENTS = 3_000;
const LINES = 2_000;
const GAP_MS = 2;
const version = (pkg: string) =>
  JSON.parse(readFileSync(new URL(`../../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')).version as string;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

async function main(): Promise<void> {
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

  console.log('Ops Control Room core benchmark');
  console.log(`Node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), ${process.platform}/${process.arch}`);
  console.log(`PGlite ${version('@electric-sql/pglite')} (NodeFS data dir), PostgreSQL ${pgVersion} at default settings on ` +
    `loopback, graphile-worker ${version('graphile-worker')}; engines and workers share the machine`);
  console.log(`Sizes: ${fmt(RUNS)} runs per PostgreSQL queue measurement, ${fmt(PGLITE_RUNS)} per PGlite one, ${ROUNDS} rounds; ` +
    `${fmt(EVENTS)} batched + ${fmt(SINGLE_EVENTS)} single events; ${fmt(LINES)} output lines every ${GAP_MS} ms`);
  console.log(`Load average at start: ${load()} (other work on the machine skews every figure)`);

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

  printReport(r as BenchResults);
  console.log(`\nLoad average at end: ${load()}`);
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
