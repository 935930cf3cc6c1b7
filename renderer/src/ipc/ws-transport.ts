import type { Transport } from '../../../shared/ipc/bridge.ts';
import type { ErrorCode } from '../../../shared/ipc/errors.ts';
import { decodeWire, encodeWire, PushSchema, ResponseSchema, type Push, type Request, type Response } from '../../../shared/ipc/wire.ts';
import { connectionState, type Connection } from './connection-state.ts';
import { socketAddresses, whyRefused } from './ws-address.ts';

export interface WsTransportOptions {
  /** The page's address: the socket goes to its host and carries its `?token=`. Default: `location`. */
  page?: string | { href: string };
  /** How long a call made while (re)connecting waits for the socket before failing with DISCONNECTED. */
  waitMs?: number;
}

export interface WsTransport {
  transport: Transport;
  connection: Connection;
  /** Closes the socket for good (no reconnect); calls then fail with DISCONNECTED. */
  close(): void;
}

const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 5000;

/**
 * The contract over `opsroom serve`'s WebSocket (the browser's WebSocket; Node's global one in tests).
 * Requests get wire ids of their own, so the re-sent `runs.watch` after a reconnect never collides with a
 * caller's id. A dropped socket is reopened with backoff (250 ms doubling to 5 s); calls in flight then fail
 * with DISCONNECTED (the caller may retry; the screens refetch when the state is 'open' again).
 */
export function createWsTransport(options: WsTransportOptions = {}): WsTransport {
  const page = options.page ?? globalThis.location;
  const addresses = socketAddresses(typeof page === 'string' ? page : page.href);
  const waitMs = options.waitMs ?? 10_000;
  const state = connectionState('connecting');
  const listeners = new Set<(push: Push) => void>();
  const pending = new Map<number, { id: number; resolve: (response: Response) => void }>();
  const waiters = new Set<(open: boolean) => void>();
  let socket: WebSocket | null = null;
  let everOpened = false;
  let delay = FIRST_DELAY_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ended: { code: ErrorCode; message: string } | null = null;
  let lastWatch: unknown;
  let nextWireId = 1;

  const failure = (id: number, code: ErrorCode, message: string): Response => ({ id, ok: false, error: { code, message } });

  function send(request: Request): Promise<Response> {
    const wireId = nextWireId++;
    return new Promise((resolve) => {
      pending.set(wireId, { id: request.id, resolve });
      socket!.send(encodeWire({ ...request, id: wireId }));
      if (request.method === 'runs.watch') lastWatch = request.input;
    });
  }

  function receive(text: string) {
    let message: unknown;
    try {
      message = decodeWire(text);
    } catch {
      return console.warn('ignored a message from opsroom serve that is not JSON');
    }
    const push = PushSchema.safeParse(message);
    if (push.success) return listeners.forEach((listener) => listener(push.data));
    const response = ResponseSchema.safeParse(message);
    const waiting = response.success && response.data.id !== null ? pending.get(response.data.id) : undefined;
    if (!response.success || !waiting) return console.warn('ignored an unexpected message from opsroom serve', message);
    pending.delete(response.data.id!);
    waiting.resolve({ ...response.data, id: waiting.id });
  }

  function connect() {
    const ws = new WebSocket(addresses.socket);
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = everOpened = true;
      delay = FIRST_DELAY_MS;
      state.set('open');
      // The server forgets a connection's watched runs with it: ask again, or live log lines stop.
      if (lastWatch !== undefined) void send({ id: 0, method: 'runs.watch', input: lastWatch });
      waiters.forEach((wake) => wake(true));
    };
    ws.onmessage = (event) => {
      if (typeof event.data === 'string') receive(event.data);
    };
    ws.onclose = () => {
      if (socket === ws) socket = null;
      for (const [wireId, { id, resolve }] of pending) {
        pending.delete(wireId);
        resolve(failure(id, 'DISCONNECTED', 'the connection to opsroom serve dropped before the answer came'));
      }
      if (ended) return;
      state.set(everOpened ? 'reconnecting' : 'connecting');
      // Closed before it ever opened: maybe refused for good (a wrong token), which only a plain GET can tell.
      if (opened) schedule();
      else void whyRefused(addresses.probe).then((refusal) => (refusal && !ended ? end('UNAUTHORIZED', refusal) : schedule()));
    };
  }

  function schedule() {
    if (ended) return;
    timer = setTimeout(connect, delay);
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  }

  function end(code: ErrorCode, message: string) {
    ended = { code, message };
    clearTimeout(timer);
    state.set('closed', message);
    waiters.forEach((wake) => wake(false));
    socket?.close(1000);
  }

  function waitForOpen(): Promise<boolean> {
    return new Promise((resolve) => {
      const wake = (open: boolean) => {
        clearTimeout(giveUp);
        waiters.delete(wake);
        resolve(open);
      };
      const giveUp = setTimeout(() => wake(false), waitMs);
      waiters.add(wake);
    });
  }

  if (addresses.token) connect();
  else end('UNAUTHORIZED', 'this page has no token: open the URL printed by opsroom serve, including ?token=…');

  return {
    transport: {
      async call(request) {
        if (!ended && socket?.readyState !== WebSocket.OPEN) await waitForOpen();
        if (ended) return failure(request.id, ended.code, ended.message);
        if (socket?.readyState !== WebSocket.OPEN) {
          return failure(request.id, 'DISCONNECTED', `not connected to opsroom serve (waited ${waitMs} ms): is it still running?`);
        }
        return send(request);
      },
      onPush(listener) {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    },
    connection: state,
    close: () => end('DISCONNECTED', 'the connection was closed'),
  };
}
