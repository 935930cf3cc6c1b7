import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sql } from '../../electron/core/db/sql.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';

/**
 * What the benchmark must give back whatever happens: its PostgreSQL cluster, its open connections and its
 * temp folders. Released on success, on failure, on SIGINT/SIGTERM, and at exit as a last resort.
 */
const dirs: string[] = [];
const sqls: Sql[] = [];
let cluster: TestPostgres | null = null;

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** The run's one PostgreSQL 15 cluster, started by the first part that needs it. */
export async function cluster15(): Promise<TestPostgres> {
  cluster ??= await startPostgres();
  return cluster;
}

export function track<T extends Sql>(sql: T): T {
  sqls.push(sql);
  return sql;
}

function releaseSync(): void {
  try {
    cluster?.stop(); // pg_ctl stop -m immediate, then removes the cluster's folder
  } catch (error) {
    process.stderr.write(`bench: stopping PostgreSQL failed: ${(error as Error).message}\n`);
  }
  cluster = null;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export async function release(): Promise<void> {
  await Promise.all(sqls.splice(0).map((sql) => sql.close().catch(() => undefined)));
  releaseSync();
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    releaseSync();
    process.exit(130);
  });
}
process.once('exit', releaseSync);
