import { findHits } from './highlight.ts';
import type { LogSource, LogView } from './log-view.ts';

/** Past this many matches the counter says "100000+": enough to page through, bounded in memory. */
export const MAX_MATCHES = 100_000;

/**
 * Every occurrence of a search in one view, in order: match k is the `nth[k]`-th hit of view row `row[k]`.
 * Like the view, it only scans rows added since its last sync.
 */
export class LogSearch {
  readonly pattern: RegExp;
  readonly row: number[] = [];
  readonly nth: number[] = [];
  capped = false;
  private scanned = 0;
  private generation = -1;

  constructor(pattern: RegExp) {
    this.pattern = pattern;
  }

  get count(): number {
    return this.row.length;
  }

  sync(view: LogView, source: LogSource): void {
    if (this.generation !== view.generation) {
      this.row.length = 0;
      this.nth.length = 0;
      this.capped = false;
      this.scanned = 0;
      this.generation = view.generation;
    }
    for (let r = this.scanned; r < view.rows.length && !this.capped; r++) {
      const hits = findHits(source.lines[view.rows[r]!]!.plain, this.pattern).length;
      for (let n = 0; n < hits; n++) {
        if (this.row.length === MAX_MATCHES) {
          this.capped = true;
          break;
        }
        this.row.push(r);
        this.nth.push(n);
      }
      this.scanned = r + 1;
    }
  }

  /** The first match at or after row `from` (wrapping round), for jumping to where the reader is. */
  firstFrom(from: number): number {
    let low = 0;
    let high = this.row.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.row[mid]! < from) low = mid + 1;
      else high = mid;
    }
    return low < this.row.length ? low : 0;
  }
}
