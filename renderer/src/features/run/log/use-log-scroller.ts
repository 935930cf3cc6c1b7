import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

/** Every row is one line this tall (log.css .log-row uses the same): no measuring, exact scroll positions. */
export const ROW_HEIGHT = 20;

/** Within this many pixels of the end counts as "at the bottom" (zoom can leave fractions). */
const BOTTOM_SLACK = 4;

/**
 * The virtualized scroller and its tail-following. While following, every growth of the log (and every
 * resize of the scroller) scrolls to the end. The user stops following by scrolling up (scrollTop going down: growth alone never lowers it) and
 * resumes by reaching the bottom again or by "Jump to latest".
 */
export function useLogScroller(count: number) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const lastTop = useRef(0);
  const [following, setFollowing] = useState(true);
  // No getItemKey: index keys (the default) keep the options stable, where a key function made per render
  // would make the virtualizer recompute all 100,000 positions on every scroll frame.
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });

  const onScroll = useCallback(() => {
    const el = scrollRef.current!;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= BOTTOM_SLACK;
    if (atBottom) setFollowing(true);
    else if (el.scrollTop < lastTop.current) setFollowing(false);
    lastTop.current = el.scrollTop;
  }, []);

  const followingNow = useRef(following);
  useLayoutEffect(() => {
    followingNow.current = following;
    const el = scrollRef.current;
    if (following && el) el.scrollTop = el.scrollHeight;
  }, [following, count]);

  // A shorter scroller (the header grew, the window shrank) leaves the end below the fold: follow it there too.
  useEffect(() => {
    const el = scrollRef.current!;
    const observer = new ResizeObserver(() => {
      if (followingNow.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  /** Brings a row into the middle of the view and stops following, so new lines do not carry it away. */
  const showRow = useCallback((row: number) => {
    setFollowing(false);
    virtualizer.scrollToIndex(row, { align: 'center' });
  }, [virtualizer]);

  /** The button that called this disappears with it: focus goes to the log rather than to the page's start. */
  const jumpToLatest = useCallback(() => {
    setFollowing(true);
    scrollRef.current?.focus({ preventScroll: true });
  }, []);

  return { scrollRef, virtualizer, following, onScroll, showRow, jumpToLatest };
}
