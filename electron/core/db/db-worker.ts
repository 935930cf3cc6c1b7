import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { sqlStore } from '../queue/sql-store.ts';
import { STORE_METHODS, type Store } from '../queue/store.ts';
import { serve } from '../rpc/rpc.ts';
import { loadMigrations, migrate } from './migrate.ts';
import { openPglite } from './pglite-sql.ts';
import { startMaintenance } from './maintenance.ts';
import { stallTracker } from './stall-tracker.ts';

/**
 * The one thread that owns the PGlite database. PGlite runs queries synchronously on its thread (a 642 ms
 * query lagged its event loop 641 ms, pglite-facts Q3), so it lives here and never on the thread that draws
 * the UI. Every other thread reaches it through its own MessagePort and the Store commands.
 */
export type DbWorkerMessage = { type: 'attach'; port: MessagePort } | { type: 'close' };
export type DbWorkerReply = { type: 'ready' } | { type: 'failed'; message: string } | { type: 'closed' };

const port = parentPort!;
const { pgdataDir, migrationsDir } = workerData as { pgdataDir: string; migrationsDir: string };
const reply = (message: DbWorkerReply) => port.postMessage(message);

try {
  const sql = await openPglite(pgdataDir);
  await migrate(sql, await loadMigrations(migrationsDir));
  const stalls = stallTracker();
  const direct = sqlStore(sql);
  // Heartbeats queued behind a stalled database thread were not applied: widen the reclaim window by the
  // stall, so a live worker is never reclaimed because of our own delay (a false reclaim was measured after a
  // 7 s stall, pglite-facts Q3).
  const store: Store = {
    ...direct,
    reclaim: (request) => direct.reclaim(request.olderThanMs === undefined || request.olderThanMs === 0 ? request
      : { ...request, olderThanMs: request.olderThanMs + stalls.recentMaxMs(request.olderThanMs) }),
  };
  const maintenance = startMaintenance(sql);
  port.on('message', async (message: DbWorkerMessage) => {
    if (message.type === 'attach') {
      serve(message.port, store, STORE_METHODS, {
        onCall: (method, queuedMs) => {
          stalls.record(queuedMs);
          maintenance.noteCall(method);
        },
      });
    } else if (message.type === 'close') {
      maintenance.stop();
      await sql.close(); // a clean close checkpoints: the next open replays no WAL
      reply({ type: 'closed' });
      port.close();
    }
  });
  reply({ type: 'ready' });
} catch (error) {
  reply({ type: 'failed', message: (error as Error).message });
  port.close();
}
