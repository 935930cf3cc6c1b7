import { EventEmitter } from 'node:events';
import { Logger, run, runMigrations, type WorkerEvents } from 'graphile-worker';
import type { Sql } from '../../electron/core/db/sql.ts';
import { sqlStore } from '../../electron/core/queue/sql-store.ts';
import { startCpu } from './cpu.ts';
import { CONNECTIONS, drain, type QueueResult } from './drain.ts';
import { checkDrained, seedRuns } from './seed.ts';
import { now, percentile } from './stats.ts';

/**
 * Our queue on PostgreSQL: 8 separate one-connection Stores (as 8 lane worker threads would hold), two per
 * lane, each looping as a lane worker does (claim when idle, finishAndClaim between runs).
 */
export async function oursOnPostgres(admin: Sql, url: string, count: number, postmaster: number | null,
  open: (url: string, max: number) => Promise<Sql>): Promise<QueueResult> {
  const perLane = await seedRuns(admin, count);
  const sqls = await Promise.all(Array.from({ length: CONNECTIONS }, () => open(url, 1)));
  try {
    const wal = await walBytes(admin);
    const stop = startCpu(postmaster);
    const result = await drain(sqls.map((sql) => sqlStore(sql)), perLane);
    const cpu = stop();
    const walPerRun = (await walBytes(admin) - wal) / count;
    await checkDrained(admin, count);
    return { runsPerSec: result.runsPerSec, cpu, claimP50: percentile(result.claimMs, 50), claimP99: percentile(result.claimMs, 99), walPerRun };
  } finally {
    await Promise.all(sqls.map((sql) => sql.close().catch(() => undefined)));
  }
}

/** Bytes of WAL written so far by the whole cluster. */
export async function walBytes(admin: Sql): Promise<number> {
  const { rows } = await admin.query<{ b: number }>(`SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::bigint AS b`);
  return rows[0]!.b;
}

const silent = new Logger(() => () => undefined);

export async function prepareGraphile(connectionString: string): Promise<void> {
  await runMigrations({ connectionString, logger: silent });
}

/**
 * graphile-worker 0.18 at its defaults, one process, concurrency 8, a no-op task. The jobs are added in one
 * add_jobs call before the clock starts; the clock runs until the last job's completion is committed.
 * `rateFromRun` counts from the run() call; runsPerSec from the first job's start (start-up excluded), the
 * stricter comparison for ours. pollInterval is its default (2 s); with a backlog it never waits for it.
 */
export async function graphileOnPostgres(admin: Sql, connectionString: string, count: number,
  postmaster: number | null): Promise<QueueResult & { rateFromRun: number }> {
  await admin.query(`SELECT count(*) FROM graphile_worker.add_jobs(array(
      SELECT json_populate_record(null::graphile_worker.job_spec, json_build_object('identifier', 'noop', 'payload', '{}'::json))
        FROM generate_series(1, $1)))`, [count]);
  await admin.exec('ANALYZE graphile_worker._private_jobs');
  const events = new EventEmitter() as WorkerEvents;
  let completed = 0;
  let failed = 0;
  let firstStart = 0;
  const done = Promise.withResolvers<void>();
  events.on('job:start', () => {
    firstStart ||= now();
  });
  events.on('job:complete', ({ error }) => {
    if (error) failed += 1;
    if (++completed === count) done.resolve();
  });
  const wal = await walBytes(admin);
  const stop = startCpu(postmaster);
  const t0 = now();
  const runner = await run({
    connectionString, concurrency: CONNECTIONS, noHandleSignals: true, pollInterval: 2000, logger: silent, events,
    taskList: { noop: async () => undefined },
  });
  try {
    await Promise.race([done.promise, runner.promise.then(() => {
      throw new Error(`graphile-worker stopped after ${completed} of ${count} jobs`);
    })]);
    if (failed) throw new Error(`graphile-worker: ${failed} jobs failed`);
    // job:complete fires before the job's delete is committed (completeJob is not awaited): the clock
    // stops when the table is empty
    for (let polls = 0; ; polls++) {
      const { rows } = await admin.query<{ n: number }>('SELECT count(*) AS n FROM graphile_worker._private_jobs');
      if (Number(rows[0]!.n) === 0) break;
      if (polls > 5000) throw new Error(`graphile-worker left ${rows[0]!.n} jobs`);
    }
    const end = now();
    const cpu = stop();
    const walPerRun = (await walBytes(admin) - wal) / count;
    return { runsPerSec: count / ((end - firstStart) / 1000), rateFromRun: count / ((end - t0) / 1000), cpu, startupMs: firstStart - t0, walPerRun };
  } finally {
    await runner.stop();
  }
}
