import { startEmbeddedDatabase } from './embedded-database.ts';
import { loadMigrations, migrate } from './migrate.ts';
import { openPostgres } from './postgres-sql.ts';
import type { StoreAddress } from './store-address.ts';
import { connect } from '../rpc/rpc.ts';
import { sqlStore } from '../queue/sql-store.ts';
import { STORE_METHODS, type Store } from '../queue/store.ts';

export interface OpenDatabase {
  store: Store;
  /** How a new lane worker thread reaches the database: a fresh port to the db-worker, or the URL. */
  address(): StoreAddress;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { databaseUrl: string; migrationsDir?: string }
  | { dataDir: string; dbWorkerUrl?: URL; migrationsDir?: string };

/** Opens and migrates either engine; anything that fails after the open closes it again (and the lock). */
export async function openDatabase(options: DatabaseOptions): Promise<OpenDatabase> {
  if ('databaseUrl' in options) {
    const url = options.databaseUrl;
    const sql = await openPostgres(url);
    try {
      await migrate(sql, await loadMigrations(options.migrationsDir));
    } catch (error) {
      await sql.close();
      throw error;
    }
    return { store: sqlStore(sql), address: () => ({ kind: 'postgres', url }), close: () => sql.close() };
  }
  const db = await startEmbeddedDatabase(options.dataDir, { workerUrl: options.dbWorkerUrl, migrationsDir: options.migrationsDir });
  const client = connect<Store>(db.newPort(), STORE_METHODS);
  return {
    store: client,
    address: () => ({ kind: 'port', port: db.newPort() }),
    async close() {
      client.closePort();
      await db.close();
    },
  };
}
