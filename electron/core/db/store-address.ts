import type { MessagePort } from 'node:worker_threads';
import { openPostgres } from './postgres-sql.ts';
import { connect } from '../rpc/rpc.ts';
import { sqlStore } from '../queue/sql-store.ts';
import { STORE_METHODS, type Store } from '../queue/store.ts';

/** How a thread reaches the database: a port to the db-worker (PGlite) or its own PostgreSQL connection. */
export type StoreAddress = { kind: 'port'; port: MessagePort } | { kind: 'postgres'; url: string };

export async function openStore(address: StoreAddress): Promise<{ store: Store; close(): Promise<void> }> {
  if (address.kind === 'port') {
    const store = connect<Store>(address.port, STORE_METHODS);
    return { store, close: async () => store.closePort() };
  }
  // One connection per lane worker: it runs one statement at a time.
  const sql = await openPostgres(address.url, 1);
  return { store: sqlStore(sql), close: () => sql.close() };
}
