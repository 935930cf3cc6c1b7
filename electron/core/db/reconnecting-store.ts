import { CoreError } from '../errors.ts';
import { ThreadGoneError } from '../rpc/rpc.ts';
import { STORE_METHODS, type Store, type StoreMethod } from '../queue/store.ts';

type Client = Store & { closePort(): void };

/** Reads only: asked again of the new thread when the old one stopped while answering. A write is not, since it
 * may or may not have been applied. localQuery is left out: a person's query is the likeliest to have crashed it. */
const RETRIED = new Set<StoreMethod>(STORE_METHODS.filter((m) => /^(get|list|count)/.test(m) || m === 'stepProgress'));

export interface ReconnectingStore {
  store: Store;
  /** The thread stopped: calls from now on wait for resume() (or fail()). */
  suspend(): void;
  /** A new thread is up: waiting calls go to a new port to it. */
  resume(): void;
  /** No thread will come back: waiting and later calls fail with this error. */
  fail(error: Error): void;
  close(): void;
}

/** The host's Store across restarts of the database thread (calls in flight when it stops fail, see RETRIED). */
export function reconnectingStore(open: () => Client): ReconnectingStore {
  let client: Client | null = open();
  let failure: Error | null = null;
  let waiters: { resolve(client: Client): void; reject(error: Error): void }[] = [];

  /** The current client, or the next one if `stale` is current or the thread is restarting. */
  const next = (stale: Client | null): Promise<Client> => {
    if (failure) return Promise.reject(failure);
    if (client && client !== stale) return Promise.resolve(client);
    return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
  };
  const settle = (outcome: { client: Client } | { error: Error }) => {
    const waiting = waiters;
    waiters = [];
    for (const waiter of waiting) {
      if ('client' in outcome) waiter.resolve(outcome.client);
      else waiter.reject(outcome.error);
    }
  };

  const store = {} as Record<StoreMethod, (...args: unknown[]) => Promise<unknown>>;
  for (const method of STORE_METHODS) {
    store[method] = async (...args) => {
      const first = await next(null);
      const call = (target: Client) => (target[method] as (...a: unknown[]) => Promise<unknown>)(...args);
      try {
        return await call(first);
      } catch (error) {
        if (!(error instanceof ThreadGoneError) || !RETRIED.has(method)) throw error;
        return call(await next(first));
      }
    };
  }
  return {
    store: store as unknown as Store,
    suspend() {
      client = null;
    },
    resume() {
      client = open();
      settle({ client });
    },
    fail(error) {
      failure = error;
      client = null;
      settle({ error });
    },
    close() {
      client?.closePort();
      failure ??= new CoreError('DATABASE_UNAVAILABLE', 'the database is closed');
      client = null;
      settle({ error: failure });
    },
  };
}
