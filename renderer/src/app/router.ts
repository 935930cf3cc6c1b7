import { useSyncExternalStore } from 'react';
import { parseRoute, type Route } from './route.ts';

/**
 * The current hash as a store. Back/forward and typed URLs arrive as hashchange/popstate; our own navigation
 * goes through history so that typing in the filter box can replace the entry instead of stacking one per key.
 */
const listeners = new Set<() => void>();
const getHash = () => window.location.hash;

/** The board's filter as last seen: the sidebar, the "Runboard" link and the command bar's default session
 * keep it while a run or the servers page is open. */
let lastBoardQuery = '';
function rememberBoard(): void {
  const route = parseRoute(getHash());
  if (route.name === 'board') lastBoardQuery = route.query;
}
rememberBoard();

function notify(): void {
  rememberBoard();
  listeners.forEach((listener) => listener());
}
window.addEventListener('hashchange', notify);
window.addEventListener('popstate', notify);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, getHash));
}

export function useBoardQuery(): string {
  return useSyncExternalStore(subscribe, () => lastBoardQuery);
}

export function navigate(hash: string, options: { replace?: boolean } = {}): void {
  if (hash === window.location.hash) return;
  // Path and search stay as they are: the serve token lives in `search`.
  const url = `${window.location.pathname}${window.location.search}${hash}`;
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  notify();
}
