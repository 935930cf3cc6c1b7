import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { CoreError } from '../errors.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { MIGRATIONS_DIR } from './migrate.ts';
import type { DbWorkerMessage, DbWorkerReply } from './db-worker.ts';

export const DEFAULT_DB_WORKER_URL = new URL('./db-worker.ts', import.meta.url);

export interface EmbeddedDatabase {
  /** A new port to the database thread, for one client (the host, or one lane worker). */
  newPort(): MessagePort;
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
  const worker = new Worker(options.workerUrl ?? DEFAULT_DB_WORKER_URL, {
    workerData: { pgdataDir: join(dataDir, 'pgdata'), migrationsDir: options.migrationsDir ?? MIGRATIONS_DIR },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      worker.once('message', (reply: DbWorkerReply) => {
        if (reply.type === 'ready') resolve();
        else if (reply.type === 'failed') {
          reject(new CoreError('DATABASE_UNAVAILABLE', `cannot open the database in ${dataDir}: ${reply.message}`));
        }
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new CoreError('DATABASE_UNAVAILABLE', `the database thread exited (${code})`)));
    });
  } catch (error) {
    await worker.terminate();
    lock.release();
    throw error;
  }
  let exited = false;
  worker.once('exit', () => {
    exited = true;
  });
  // A crash of the thread reaches every caller as a rejected call ("the database thread is gone", rpc.ts);
  // without a listener the 'error' event would throw in this thread instead.
  worker.on('error', () => undefined);
  return {
    newPort() {
      const { port1, port2 } = new MessageChannel();
      if (exited) port2.close(); // its calls then fail at once instead of waiting on a thread that is gone
      else worker.postMessage({ type: 'attach', port: port2 } satisfies DbWorkerMessage, [port2]);
      return port1;
    },
    async close() {
      if (exited) return lock.release(); // it died earlier: nothing left to close, and 'exit' will not fire again
      const closed = new Promise<void>((resolve) => {
        worker.on('message', (reply: DbWorkerReply) => reply.type === 'closed' && resolve());
        worker.once('exit', () => resolve());
      });
      worker.postMessage({ type: 'close' } satisfies DbWorkerMessage);
      await closed;
      await worker.terminate();
      lock.release();
    },
  };
}
