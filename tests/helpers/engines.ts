import { after } from 'node:test';
import { join } from 'node:path';
import { migrate } from '../../electron/core/db/migrate.ts';
import { openPglite } from '../../electron/core/db/pglite-sql.ts';
import { openPostgres } from '../../electron/core/db/postgres-sql.ts';
import type { Sql } from '../../electron/core/db/sql.ts';
import { sqlStore } from '../../electron/core/queue/sql-store.ts';
import type { Store } from '../../electron/core/queue/store.ts';
import { createDatabase, startPostgres, type TestPostgres } from './postgres.ts';
import { tempDir } from './tmp.ts';

/**
 * The two engines every queue test runs on: PGlite on disk and a real PostgreSQL 15. Each `open()` gives a
 * fresh, migrated database; one cluster serves a whole test file and is stopped after it.
 */
export interface Engine {
  name: 'pglite' | 'postgres';
  open(): Promise<{ sql: Sql; store: Store; url?: string }>;
}

let cluster: Promise<TestPostgres> | null = null;
let databases = 0;
const opened: Sql[] = [];

after(async () => {
  await Promise.all(opened.map((sql) => sql.close().catch(() => undefined)));
  if (cluster) (await cluster).stop();
});

export function sharedPostgres(): Promise<TestPostgres> {
  cluster ??= startPostgres();
  return cluster;
}

async function ready(sql: Sql) {
  opened.push(sql);
  await migrate(sql);
  return { sql, store: sqlStore(sql) };
}

export const ENGINES: Engine[] = [
  { name: 'pglite', open: async () => ready(await openPglite(join(tempDir().path, 'pgdata'))) },
  {
    name: 'postgres',
    async open() {
      const url = createDatabase(await sharedPostgres(), `t${process.pid}_${++databases}`);
      return { ...(await ready(await openPostgres(url, 8))), url };
    },
  },
];
