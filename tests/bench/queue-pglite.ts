import { join } from 'node:path';
import { startEmbeddedDatabase } from '../../electron/core/db/embedded-database.ts';
import { migrate } from '../../electron/core/db/migrate.ts';
import { openPglite } from '../../electron/core/db/pglite-sql.ts';
import type { Sql } from '../../electron/core/db/sql.ts';
import { sqlStore } from '../../electron/core/queue/sql-store.ts';
import { STORE_METHODS, type Store } from '../../electron/core/queue/store.ts';
import { connect } from '../../electron/core/rpc/rpc.ts';
import { startCpu } from './cpu.ts';
import { CONNECTIONS, drain, type QueueResult } from './drain.ts';
import { checkDrained, seedRuns } from './seed.ts';
import { percentile } from './stats.ts';

/** PGlite on disk, opened in this thread exactly as the db-worker opens it (`<dataDir>/pgdata`), migrated. */
export async function openDirect(dataDir: string): Promise<Sql> {
  const sql = await openPglite(join(dataDir, 'pgdata'));
  await migrate(sql);
  return sql;
}

/**
 * One sqlStore over the one PGlite connection, with 8 callers (two per lane) as the db-worker sees 8 lane
 * workers: PGlite runs their statements one at a time.
 */
export async function pgliteDirect(sql: Sql, count: number): Promise<QueueResult> {
  const perLane = await seedRuns(sql, count);
  const store = sqlStore(sql);
  const stop = startCpu();
  const result = await drain(Array.from({ length: CONNECTIONS }, () => store), perLane);
  const cpu = stop();
  await checkDrained(sql, count);
  return { runsPerSec: result.runsPerSec, cpu, claimP50: percentile(result.claimMs, 50), claimP99: percentile(result.claimMs, 99) };
}

/**
 * The real path of the embedded mode: the db-worker thread (startEmbeddedDatabase: data-folder lock,
 * PGlite, migrations, maintenance) and `clients` Store proxies, each on its own MessagePort as a lane worker
 * has. The callers run in this thread; the database work happens in the db-worker thread.
 */
export async function withDbWorker<T>(dataDir: string, clients: number, fn: (stores: Store[]) => Promise<T>): Promise<T> {
  const db = await startEmbeddedDatabase(dataDir);
  const stores = Array.from({ length: clients }, () => connect<Store>(db.newPort(), STORE_METHODS));
  try {
    return await fn(stores);
  } finally {
    for (const store of stores) store.closePort();
    await db.close();
  }
}

/** Drains runs seeded beforehand (the database must be closed in this thread while the db-worker has it). */
export async function pgliteViaWorker(stores: Store[], perLane: Map<string, number>, count: number): Promise<QueueResult> {
  const stop = startCpu();
  const result = await drain(stores, perLane);
  const cpu = stop();
  const counts = await stores[0]!.countRuns();
  if (counts.succeeded !== count || counts.queued !== 0) {
    throw new Error(`db-worker drain check failed: ${JSON.stringify(counts)}`);
  }
  return { runsPerSec: result.runsPerSec, cpu, claimP50: percentile(result.claimMs, 50), claimP99: percentile(result.claimMs, 99) };
}
