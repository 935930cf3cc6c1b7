import { join } from 'node:path';
import type { RunFilter } from '../../shared/domain/run.ts';
import { searchLogs } from '../../electron/core/history/search-logs.ts';
import { migrate } from '../../electron/core/db/migrate.ts';
import { openPglite } from '../../electron/core/db/pglite-sql.ts';
import { openPostgres } from '../../electron/core/db/postgres-sql.ts';
import type { Sql } from '../../electron/core/db/sql.ts';
import { RUN_COLUMNS } from '../../electron/core/queue/rows.ts';
import { sqlStore } from '../../electron/core/queue/sql-store.ts';
import { seedHistory } from '../helpers/history-seed.ts';
import { createDatabase } from '../helpers/postgres.ts';
import { cluster15, tempDir } from './resources.ts';
import { measureIndexCost, printIndexCost, type IndexCost } from './history-cost.ts';
import { fmt, now, percentile, progress, section, table } from './stats.ts';

const DAY = 86_400_000;

export interface HistoryTiming {
  engine: string;
  query: string;
  p50: number;
  p99: number;
  /** The same question without the issue-8 indexes: the SQL as it was (ILIKE, created_at, a scan of run_events). */
  baseP50: number;
  baseP99: number;
}

export interface HistoryBench {
  runs: number;
  events: number;
  timings: HistoryTiming[];
  cost: IndexCost;
}

/** The previous listRuns (before issue 8): ILIKE on title and error, created_at compared row by row. */
function oldListRuns(sql: Sql, filter: RunFilter): Promise<unknown> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if (filter.status?.length) add((p) => `status = ANY(${p}::text[])`, filter.status);
  if (filter.lane?.length) add((p) => `lane = ANY(${p}::text[])`, filter.lane);
  if (filter.text) add((p) => `(title ILIKE ${p} OR error ILIKE ${p})`, `%${filter.text}%`);
  if (filter.since) add((p) => `created_at >= ${p}`, filter.since);
  if (filter.until) add((p) => `created_at < ${p}`, filter.until);
  params.push(200);
  return sql.query(`SELECT ${RUN_COLUMNS} FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`, params);
}

/** A log search without its index: the matching lines by a scan, newest run first. */
const scanLogs = (sql: Sql, text: string) => sql.query(`SELECT run_id, seq, message FROM run_events WHERE message ILIKE $1
  ORDER BY run_id DESC, seq DESC LIMIT 500`, [`%${text}%`]);

async function time(fn: () => Promise<unknown>, reps: number, budgetMs: number): Promise<{ p50: number; p99: number }> {
  await fn(); // warm-up: the first call pays planning and reading pages from disk
  const samples: number[] = [];
  const started = now();
  for (let i = 0; i < reps && (i < 3 || now() - started < budgetMs); i++) {
    const t0 = now();
    await fn();
    samples.push(now() - t0);
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

/** Latency of the board's filters and the log search on one engine, seeded with `runs` and `events`. */
async function timeEngine(engine: string, sql: Sql, runs: number, events: number, reps: number): Promise<HistoryTiming[]> {
  progress(`history: seeding ${fmt(runs)} runs and ${fmt(events)} events on ${engine}`);
  await migrate(sql);
  await seedHistory(sql, { runs, events, days: 365 });
  const store = sqlStore(sql);
  const at = Date.now();
  const cases: [string, RunFilter][] = [
    ['runs: text, a rare word', { text: 'zzzz' }],
    ['runs: text, an error', { text: 'refused by db-3:' }],
    ['runs: created in the last hour', { since: new Date(at - 3_600_000) }],
    ['runs: created on one day, 200 days ago', { since: new Date(at - 200 * DAY), until: new Date(at - 199 * DAY) }],
    ['runs: cancelled, lane A', { status: ['cancelled'], lane: ['A'] }],
  ];
  const timings: HistoryTiming[] = [];
  for (const [query, filter] of cases) {
    progress(`history: ${engine}, ${query}`);
    const ours = await time(() => store.listRuns({ ...filter, limit: 200 }), reps, 10_000);
    const base = await time(() => oldListRuns(sql, filter), reps, 5_000);
    timings.push({ engine, query, p50: ours.p50, p99: ours.p99, baseP50: base.p50, baseP99: base.p99 });
  }
  for (const [query, text] of [['logs: a word one line has', 'req-c4ca4238a0b9'], ['logs: an error', 'connection refused by db-3'],
    ['logs: a common word', 'copied']]) {
    progress(`history: ${engine}, ${query}`);
    const ours = await time(() => searchLogs(store, { text: text!, limit: 20 }), reps, 10_000);
    const base = await time(() => scanLogs(sql, text!), reps, 5_000);
    timings.push({ engine, query: query!, p50: ours.p50, p99: ours.p99, baseP50: base.p50, baseP99: base.p99 });
  }
  return timings;
}

export async function measureHistory(options: {
  runs: number; events: number; reps: number; costRuns: number; rounds: number;
  openPglite(): Promise<Sql>; openPostgres(): Promise<Sql>; postgresUrl(name: string): string;
}): Promise<HistoryBench> {
  const timings: HistoryTiming[] = [];
  for (const [engine, open] of [['PGlite', options.openPglite], ['PostgreSQL 15', options.openPostgres]] as const) {
    const sql = await open();
    try {
      timings.push(...await timeEngine(engine, sql, options.runs, options.events, options.reps));
    } finally {
      await sql.close();
    }
  }
  const cost = await measureIndexCost({ runs: options.costRuns, rounds: options.rounds, openPglite: options.openPglite, postgresUrl: options.postgresUrl });
  return { runs: options.runs, events: options.events, timings, cost };
}

export function printHistory(bench: HistoryBench): void {
  section(`9. History at ${fmt(bench.runs)} runs and ${fmt(bench.events)} events: board filters and log search (ms, warm)`);
  console.log('Baseline: the same question without the issue-8 indexes (the SQL as it was: ILIKE, created_at row by row; ' +
    'log lines by an ILIKE scan). Log search: runs.searchLogs, 20 runs with their lines.');
  table(['engine', 'query', 'p50', 'p99', 'without p50', 'without p99', 'speed-up (p50)'], bench.timings.map((t) => [
    t.engine, t.query, fmt(t.p50, 2), fmt(t.p99, 2), fmt(t.baseP50, 1), fmt(t.baseP99, 1), `${fmt(t.baseP50 / t.p50, 1)}x`,
  ]));
  printIndexCost(bench.cost);
}

/**
 * The "history" part of `npm run bench`. Sizes (env): OPSROOM_BENCH_HISTORY_EVENTS (1,000,000; runs are a tenth),
 * OPSROOM_BENCH_HISTORY_REPS (20 timed calls per query), and the queue's OPSROOM_BENCH_PGLITE_RUNS and
 * OPSROOM_BENCH_ROUNDS for the index cost.
 */
export async function historyPart(env: (name: string, fallback: number) => number): Promise<HistoryBench> {
  const events = env('OPSROOM_BENCH_HISTORY_EVENTS', 1_000_000);
  const cluster = await cluster15();
  let databases = 0;
  return measureHistory({
    runs: Math.round(events / 10), events, reps: env('OPSROOM_BENCH_HISTORY_REPS', 20),
    costRuns: env('OPSROOM_BENCH_PGLITE_RUNS', 5_000), rounds: env('OPSROOM_BENCH_ROUNDS', 2),
    openPglite: () => openPglite(join(tempDir('opsroom-bench-history-'), 'pgdata')),
    openPostgres: () => openPostgres(createDatabase(cluster, `bench_history_${++databases}`), 1),
    postgresUrl: (name) => createDatabase(cluster, name),
  });
}
