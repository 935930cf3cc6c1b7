import { subscribe, unsubscribe } from 'node:diagnostics_channel';

/**
 * A TCP (and TLS) connect that works at all is done well within this: Linux retransmits an unanswered SYN
 * after 1 s and 3 s, so 3 s covers one lost SYN. Without it a dropped SYN (a firewall, a captive network)
 * would wait out the whole request timeout, or fetch's own 10 s connect timeout.
 */
export const CONNECT_TIMEOUT_MS = 3000;

interface ConnectMessage {
  connectParams: { host: string; protocol: string };
}

const CHANNELS = {
  begin: 'undici:client:beforeConnect',
  ends: ['undici:client:connected', 'undici:client:connectError'],
};

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
  let pending = 0;
  let timer: NodeJS.Timeout | null = null;
  const ours = (message: unknown) => {
    const params = (message as ConnectMessage).connectParams;
    return params?.protocol === url.protocol && params.host === url.host;
  };
  const onBegin = (message: unknown) => {
    if (!ours(message)) return;
    pending++;
    timer ??= setTimeout(() => controller.abort(new Error(`no connection within ${ms} ms`)), ms);
  };
  const onEnd = (message: unknown) => {
    if (!ours(message) || pending === 0) return;
    if (--pending === 0 && timer) {
      clearTimeout(timer);
      timer = null;
    }
  };
  subscribe(CHANNELS.begin, onBegin);
  for (const name of CHANNELS.ends) subscribe(name, onEnd);
  return {
    signal: controller.signal,
    connecting: () => pending > 0,
    stop() {
      if (timer) clearTimeout(timer);
      unsubscribe(CHANNELS.begin, onBegin);
      for (const name of CHANNELS.ends) unsubscribe(name, onEnd);
    },
  };
}
