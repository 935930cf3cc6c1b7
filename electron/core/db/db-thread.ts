import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { CoreError } from '../errors.ts';
import type { DbWorkerMessage, DbWorkerReply } from './db-worker.ts';

export interface DbThread {
  /** A new port to the thread, for one client; closed at once if the thread has stopped. */
  newPort(): MessagePort;
  /** Resolves (with what the thread said) if it stops without close(): an uncaught error, running out of
   * memory, a terminate(). Its ports close with it, so calls in flight on them fail (rpc.ts). */
  readonly stopped: Promise<string>;
  close(): Promise<void>;
}

/** Starts one db-worker thread on `pgdataDir` and waits until its schema is migrated. The caller holds the
 * data folder's lock. */
export async function startDbThread(options: { pgdataDir: string; migrationsDir: string; workerUrl: URL; dataDir: string }):
  Promise<DbThread> {
  const worker = new Worker(options.workerUrl, {
    workerData: { pgdataDir: options.pgdataDir, migrationsDir: options.migrationsDir },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      worker.once('message', (reply: DbWorkerReply) => {
        if (reply.type === 'ready') resolve();
        else if (reply.type === 'failed') {
          reject(new CoreError('DATABASE_UNAVAILABLE', `cannot open the database in ${options.dataDir}: ${reply.message}`));
        }
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new CoreError('DATABASE_UNAVAILABLE', `the database thread exited (${code})`)));
    });
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  let exited = false;
  let closing = false;
  let lastError: string | null = null;
  // Without an 'error' listener an uncaught error of the thread would be thrown in this one.
  worker.on('error', (error) => {
    lastError = error.message;
  });
  const stopped = new Promise<string>((resolve) => worker.once('exit', (code) => {
    exited = true;
    if (!closing) resolve(`${lastError ?? 'it exited'} (exit code ${code})`);
  }));
  return {
    newPort() {
      const { port1, port2 } = new MessageChannel();
      if (exited) port2.close(); // its calls then fail at once instead of waiting on a thread that is gone
      else worker.postMessage({ type: 'attach', port: port2 } satisfies DbWorkerMessage, [port2]);
      return port1;
    },
    stopped,
    async close() {
      closing = true;
      if (exited) return; // it stopped earlier: nothing left to close, and 'exit' will not fire again
      const closed = new Promise<void>((resolve) => {
        worker.on('message', (reply: DbWorkerReply) => reply.type === 'closed' && resolve());
        worker.once('exit', () => resolve());
      });
      worker.postMessage({ type: 'close' } satisfies DbWorkerMessage);
      await closed;
      await worker.terminate();
    },
  };
}
