import { join } from 'node:path';
import { BroadcastChannel } from 'node:worker_threads';
import type { CrashOrder } from '../fixtures/crashing-db-worker.ts';

/** The database thread entry to pass as `workerUrls.db` so crashDatabase can reach it. */
export const CRASHING_DB_WORKER = new URL('../fixtures/crashing-db-worker.ts', import.meta.url);

/** Crashes the database thread of the core on `dataDir` (started with CRASHING_DB_WORKER) for real. */
export function crashDatabase(dataDir: string, order: Partial<CrashOrder> = {}): void {
  const channel = new BroadcastChannel(`opsroom-test-db-crash:${join(dataDir, 'pgdata')}`);
  channel.postMessage({ how: 'throw', blockMs: 0, ...order } satisfies CrashOrder);
  channel.close();
}
