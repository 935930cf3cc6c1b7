import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { searchPattern } from './highlight.ts';
import { LogSearch } from './log-search.ts';
import type { LogStore } from './log-store.ts';
import type { LogView } from './log-view.ts';

/**
 * The search over the current view and which match is current. A new query or filter starts a new search
 * (the deferred query keeps typing smooth on 100,000 lines) and moves to the first match at or below the top
 * of the screen; Next/Previous walk the matches and wrap round.
 */
export function useLogSearch(store: LogStore, view: LogView, query: string, firstVisibleRow: () => number, showRow: (row: number) => void) {
  const deferred = useDeferredValue(query);
  const search = useMemo(() => {
    const pattern = searchPattern(deferred);
    return pattern ? new LogSearch(pattern) : null;
  }, [view, deferred]);
  search?.sync(view, store);
  const [current, setCurrent] = useState<number | null>(null);

  const go = useCallback((index: number) => {
    setCurrent(index);
    showRow(search!.row[index]!);
  }, [search, showRow]);

  useEffect(() => {
    setCurrent(null);
    if (search && search.count > 0) go(search.firstFrom(firstVisibleRow()));
    // Keyed on the search alone: only a new search moves the view, not later growth of the same one.
  }, [search]);

  const step = useCallback((delta: 1 | -1) => {
    if (!search || search.count === 0) return;
    const from = current ?? (delta === 1 ? search.firstFrom(firstVisibleRow()) - 1 : search.firstFrom(firstVisibleRow()));
    go((from + delta + search.count) % search.count);
  }, [search, current, go, firstVisibleRow]);

  return { search, current: search && current !== null && current < search.count ? current : null, step };
}

/** "3 of 120", "120 matches" before one is picked, "No matches"; nothing without a query. */
export function searchCounter(search: LogSearch | null, current: number | null): string {
  if (!search) return '';
  if (search.count === 0) return 'No matches';
  const total = `${search.count}${search.capped ? '+' : ''}`;
  return current === null ? `${total} matches` : `${current + 1} of ${total}`;
}
