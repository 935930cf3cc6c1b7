import type { MessagePort } from 'node:worker_threads';
import { CoreError, reviveError } from '../errors.ts';

/**
 * A small typed request/response protocol over a MessagePort, used between threads of one process. Requests
 * carry a sequence number; an error crosses as plain data and is rebuilt on the other side (CoreError codes
 * survive). Only the methods listed by the server are callable: anything else is answered with an error,
 * never run.
 */
type AnyFn = (...args: never[]) => Promise<unknown>;
export type Api = { [method: string]: AnyFn };

interface Request { id: number; method: string; args: unknown[] }
type Response =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string; code?: string } };

export interface ServeOptions {
  /** Called before each call runs, with how long it waited in the port's queue (ms). */
  onCall?: (method: string, queuedMs: number) => void;
}

export function serve<T extends object>(port: MessagePort, api: T, methods: readonly (keyof T)[], options: ServeOptions = {}): void {
  const allowed = new Set<string>(methods as readonly string[]);
  port.on('message', async (message: Request & { sentAt?: number }) => {
    const { id, method, args } = message;
    let response: Response;
    try {
      if (!allowed.has(method)) throw new Error(`unknown method "${String(method)}"`);
      options.onCall?.(method, message.sentAt ? Date.now() - message.sentAt : 0);
      const fn = (api as Record<string, (...a: unknown[]) => Promise<unknown>>)[method]!;
      response = { id, ok: true, value: await fn.apply(api, args) };
    } catch (error) {
      const e = (error instanceof Error ? error : new Error(String(error))) as Error & { code?: string };
      response = { id, ok: false, error: { name: e.name, message: e.message, code: e.code } };
    }
    try {
      port.postMessage(response);
    } catch (error) {
      // An answer that cannot be cloned fails this call only, never the thread serving everyone.
      port.postMessage({ id, ok: false, error: { name: 'Error', message: `cannot send the answer of ${method}: ${(error as Error).message}` } });
    }
  });
}

/** A call whose port closed before the answer came: the thread serving it stopped (or the port was closed). */
export class ThreadGoneError extends CoreError {
  constructor() {
    super('DATABASE_UNAVAILABLE', 'the database thread is gone: it stopped before answering');
  }
}

/** A proxy whose every method posts a request and resolves with the answer. */
export function connect<T extends object>(port: MessagePort, methods: readonly (keyof T)[]): T & { closePort(): void } {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  port.on('message', (response: Response) => {
    const waiter = pending.get(response.id);
    if (!waiter) return;
    pending.delete(response.id);
    if (response.ok) waiter.resolve(response.value);
    else waiter.reject(reviveError(response.error));
  });
  // A message posted to a port whose other side is gone is dropped without an error: after 'close', every
  // call must fail at once, or its caller waits forever.
  let closed = false;
  const gone = () => new ThreadGoneError();
  port.on('close', () => {
    closed = true;
    for (const waiter of pending.values()) waiter.reject(gone());
    pending.clear();
  });
  const client = { closePort: () => port.close() } as T & { closePort(): void };
  for (const method of methods) {
    (client as Record<string, unknown>)[method as string] = (...args: unknown[]) => new Promise((resolve, reject) => {
      if (closed) return reject(gone());
      const id = nextId++;
      pending.set(id, { resolve, reject });
      port.postMessage({ id, method, args, sentAt: Date.now() });
    });
  }
  return client;
}
