import { after } from 'node:test';
import { join } from 'node:path';
import { migrate } from '../../../electron/core/db/migrate.ts';
import { openPglite } from '../../../electron/core/db/pglite-sql.ts';
import type { Sql } from '../../../electron/core/db/sql.ts';
import { sqlStore } from '../../../electron/core/queue/sql-store.ts';
import type { Store } from '../../../electron/core/queue/store.ts';
import { seedHistory, type HistorySize } from '../../helpers/history-seed.ts';
import { tempDir } from '../../helpers/tmp.ts';

const opened: Sql[] = [];
after(() => Promise.all(opened.map((sql) => sql.close().catch(() => undefined))));

/** A fresh data folder whose PGlite database holds a seeded year of history (closed with the test file). */
export async function seeded(size: Partial<HistorySize> = {}): Promise<{ sql: Sql; store: Store; dataDir: string }> {
  const dataDir = tempDir('opsroom-retention-').path;
  const sql = await openPglite(join(dataDir, 'pgdata'));
  opened.push(sql);
  await migrate(sql);
  await seedHistory(sql, { runs: 2_000, events: 20_000, days: 365, sessions: 20, ...size });
  return { sql, store: sqlStore(sql), dataDir };
}

/** One number from a query. */
export async function scalar(sql: Sql, text: string, params: unknown[] = []): Promise<number> {
  const { rows } = await sql.query<Record<string, unknown>>(text, params);
  return Number(Object.values(rows[0]!)[0]);
}

export const noSecrets = { delete: async () => false };
