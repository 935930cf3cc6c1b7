import type { Virtualizer } from '@tanstack/react-virtual';
import type { RefObject } from 'react';
import { findHits } from './highlight.ts';
import type { LogSearch } from './log-search.ts';
import type { LogStore } from './log-store.ts';
import type { LogView } from './log-view.ts';
import { LogRow } from './LogRow.tsx';

/**
 * The scrolling log: only the rows in view (plus overscan) exist in the DOM, absolutely placed in a sizer as
 * tall as every row. role="log" names it for assistive technology; aria-live is off because a stream of
 * thousands of lines a second read aloud would drown everything else (the line count and load state are
 * announced instead). It is focusable so the arrow and page keys scroll it.
 */
export function LogLines({ store, view, search, current, scrollRef, virtualizer, onScroll }: {
  store: LogStore;
  view: LogView;
  search: LogSearch | null;
  /** Index of the current match in `search`, or null. */
  current: number | null;
  scrollRef: RefObject<HTMLDivElement | null>;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  onScroll: () => void;
}) {
  const currentRow = search && current !== null ? search.row[current] : undefined;
  return (
    <div ref={scrollRef} className="log-scroll" role="log" aria-label="Log" aria-live="off" tabIndex={0} onScroll={onScroll}>
      <div className="log-sizer" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const line = store.lines[view.rows[item.index]!]!;
          const hits = search && hasMatch(search, item.index)
            ? findHits(line.plain, search.pattern).map((hit, nth) => ({
              ...hit, current: item.index === currentRow && nth === search.nth[current!],
            }))
            : undefined;
          return <LogRow key={item.key} line={line} top={item.start} hits={hits} />;
        })}
      </div>
    </div>
  );
}

function hasMatch(search: LogSearch, row: number): boolean {
  const at = search.firstFrom(row);
  return search.row[at] === row;
}
