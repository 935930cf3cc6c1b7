import { startEmbeddedDatabase } from './embedded-database.ts';
import { loadMigrations, migrate } from './migrate.ts';
import { openPostgres } from './postgres-sql.ts';
import type { StoreAddress } from './store-address.ts';
import { connect } from '../rpc/rpc.ts';
import { reconnectingStore } from './reconnecting-store.ts';
import { sqlStore } from '../queue/sql-store.ts';
import { STORE_METHODS, type Store } from '../queue/store.ts';

export interface OpenDatabase {
  store: Store;
  /** How a new lane worker thread reaches the database: a fresh port to the db-worker, or the URL. */
  address(): StoreAddress;
  /** The embedded database's thread, which can stop and be started again; none for PostgreSQL. */
  thread: DatabaseThread | null;
  close(): Promise<void>;
}

export interface DatabaseThread {
  /** Called each time the thread stops unexpectedly; `store` calls wait from then on. */
  onStop(listener: (error: string) => void): void;
  /** A new thread on the same folder; waiting `store` calls go to it, and address() gives ports to it. */
  restart(): Promise<void>;
  /** No restart will come: waiting and later `store` calls fail with this error. */
  fail(error: Error): void;
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
    return { store: sqlStore(sql), address: () => ({ kind: 'postgres', url }), thread: null, close: () => sql.close() };
  }
  const db = await startEmbeddedDatabase(options.dataDir, { workerUrl: options.dbWorkerUrl, migrationsDir: options.migrationsDir });
  const client = reconnectingStore(() => connect<Store>(db.newPort(), STORE_METHODS));
  return {
    store: client.store,
    address: () => ({ kind: 'port', port: db.newPort() }),
    thread: {
      onStop: (listener) => db.onStop((error) => {
        client.suspend();
        listener(error);
      }),
      async restart() {
        await db.restart();
        client.resume();
      },
      fail: (error) => client.fail(error),
    },
    async close() {
      client.close();
      await db.close();
    },
  };
}
