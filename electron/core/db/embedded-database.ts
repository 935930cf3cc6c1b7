import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import { CoreError } from '../errors.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { startDbThread, type DbThread } from './db-thread.ts';
import { MIGRATIONS_DIR } from './migrate.ts';

export const DEFAULT_DB_WORKER_URL = new URL('./db-worker.ts', import.meta.url);

export interface EmbeddedDatabase {
  /** A new port to the database thread, for one client (the host, or one lane worker). */
  newPort(): MessagePort;
  /** Called each time the thread stops without close(), with what it said. */
  onStop(listener: (error: string) => void): void;
  /** Starts a new thread on the same folder after a stop; PGlite replays its WAL (a killed writer lost no
   * committed row in 35 kills, pglite-facts Q2). The lock is held throughout, so no other process gets in. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Locks the data folder, then starts the db-worker thread on `<dataDir>/pgdata` and waits until the schema is
 * migrated. The lock is taken first and released last, so no second process can open the folder in between.
 */
export async function startEmbeddedDatabase(dataDir: string, options: { workerUrl?: URL; migrationsDir?: string } = {}):
  Promise<EmbeddedDatabase> {
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CoreError('DATA_DIR_UNWRITABLE', `cannot create the data folder ${dataDir} (${code}): ` +
      'choose a writable folder with --data-dir or OPSROOM_DATA_DIR');
  }
  const lock = lockDataDir(dataDir);
  const start = () => startDbThread({
    pgdataDir: join(dataDir, 'pgdata'), migrationsDir: options.migrationsDir ?? MIGRATIONS_DIR,
    workerUrl: options.workerUrl ?? DEFAULT_DB_WORKER_URL, dataDir,
  });
  let thread: DbThread;
  try {
    thread = await start();
  } catch (error) {
    lock.release();
    throw error;
  }
  let closed = false;
  let onStop: (error: string) => void = () => undefined;
  const watch = (watched: DbThread) => void watched.stopped.then((error) => {
    if (watched === thread && !closed) onStop(error);
  });
  watch(thread);
  let restarting: Promise<unknown> = Promise.resolve();
  return {
    newPort: () => thread.newPort(),
    onStop(listener) {
      onStop = listener;
    },
    restart() {
      const started = (async () => {
        if (closed) throw new CoreError('DATABASE_UNAVAILABLE', 'the database is closed');
        const next = await start();
        if (closed) {
          await next.close();
          throw new CoreError('DATABASE_UNAVAILABLE', 'the database was closed while it restarted');
        }
        thread = next;
        watch(next);
      })();
      restarting = started.catch(() => undefined);
      return started;
    },
    async close() {
      closed = true;
      await restarting; // a thread starting now is closed by restart() itself
      await thread.close();
      lock.release();
    },
  };
}
