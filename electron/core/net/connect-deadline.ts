import { subscribe, unsubscribe } from 'node:diagnostics_channel';

/**
 * The deadline covers name lookup, TCP and TLS together (undici reports the connect as begun before its
 * lookup and as done after the handshake). 8 s lets a slow resolver or a far host with two lost SYNs (Linux
 * retransmits after 1 s and 3 s more) get through, and still ends before fetch's own 10 s connect timeout and
 * long before a request timeout: a dropped SYN (a firewall, a captive network) is reported as offline in
 * seconds. No network at all fails faster still, at the lookup (EAI_AGAIN, measured 26 ms).
 */
export const CONNECT_TIMEOUT_MS = 8000;

interface ConnectMessage {
  connectParams: { host: string; protocol: string };
}

const CHANNELS = { begin: 'undici:client:beforeConnect', connected: 'undici:client:connected' };

export interface ConnectDeadline {
  /** Aborts when a connect to the URL's origin began and neither succeeded nor failed within the deadline. */
  signal: AbortSignal;
  /** True while a connect to the origin is under way (so a request timeout then was really a connect timeout). */
  connecting(): boolean;
  /** Stops watching: call once the response headers came, or the request failed. */
  stop(): void;
}

/**
 * A connect deadline for fetch, which has none of its own below 10 s and no option for one without undici's
 * Agent (not a dependency): it watches the connects fetch reports on its documented diagnostics channels, for
 * the request's origin. A reused keep-alive connection reports none, so it never times out.
 */
export function connectDeadline(url: URL, ms: number): ConnectDeadline {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | null = null;
  const ours = (message: unknown) => {
    const params = (message as ConnectMessage).connectParams;
    return params?.protocol === url.protocol && params.host === url.host;
  };
  const onBegin = (message: unknown) => {
    if (!ours(message)) return;
    timer ??= setTimeout(() => controller.abort(new Error(`no connection within ${ms} ms`)), ms);
  };
  // Only a success clears the deadline: a failed connect fails the request by itself, and the failure of an
  // older connect to the same origin (one an earlier request abandoned, still running into undici's own 10 s
  // timeout; undici's messages carry no per-connect identity) must not clear ours. Any connect to the origin
  // succeeding means it is reachable, so another request's success may clear it.
  const onConnected = (message: unknown) => {
    if (!ours(message) || !timer) return;
    clearTimeout(timer);
    timer = null;
  };
  subscribe(CHANNELS.begin, onBegin);
  subscribe(CHANNELS.connected, onConnected);
  return {
    signal: controller.signal,
    connecting: () => timer !== null,
    stop() {
      if (timer) clearTimeout(timer);
      unsubscribe(CHANNELS.begin, onBegin);
      unsubscribe(CHANNELS.connected, onConnected);
    },
  };
}
