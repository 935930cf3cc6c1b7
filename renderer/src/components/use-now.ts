import { useCallback, useSyncExternalStore } from 'react';

/**
 * A shared local clock per interval: every running card's duration ticks from one timer, and the timer runs
 * only while something shows a live time. It reads the local clock; it never asks the server.
 */
const clocks = new Map<number, { now: number; listeners: Set<() => void>; timer: number | null }>();

function clock(intervalMs: number) {
  let entry = clocks.get(intervalMs);
  if (!entry) {
    entry = { now: Date.now(), listeners: new Set(), timer: null };
    clocks.set(intervalMs, entry);
  }
  return entry;
}

function subscribe(intervalMs: number, listener: () => void): () => void {
  const entry = clock(intervalMs);
  entry.listeners.add(listener);
  if (entry.timer === null) {
    entry.now = Date.now();
    entry.timer = window.setInterval(() => {
      entry.now = Date.now();
      entry.listeners.forEach((l) => l());
    }, intervalMs);
  }
  return () => {
    entry.listeners.delete(listener);
    if (entry.listeners.size === 0 && entry.timer !== null) {
      window.clearInterval(entry.timer);
      entry.timer = null;
    }
  };
}

const idle = () => () => {};

/** Milliseconds since the epoch, updated every `intervalMs`; 0 when not `live` (a finished run needs no clock). */
export function useNow(intervalMs: number, live = true): number {
  const subscribeLive = useCallback((listener: () => void) => subscribe(intervalMs, listener), [intervalMs]);
  return useSyncExternalStore(
    live ? subscribeLive : idle,
    () => (live ? clock(intervalMs).now : 0),
  );
}
