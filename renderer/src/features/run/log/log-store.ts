import type { RunEvent } from '../../../../../shared/domain/run.ts';
import { toLogLine, type LogLine } from './log-line.ts';

export type LoadState =
  | { phase: 'loading' }
  | { phase: 'live' }
  | { phase: 'error'; message: string };

export type FetchPage = (afterSeq: number) => Promise<RunEvent[]>;

/**
 * One run's log lines, append-only and ordered by seq: a plain mutable array that React reads through
 * useSyncExternalStore (subscribe + a version number). A 100,000-line log is never copied: stored pages and
 * live pushes are appended in place, and subscribers hear of it at most once per animation frame.
 *
 * Pushes that arrive while pages are still loading are held back and merged once a load has caught up, so
 * paging and live lines cannot interleave. After a failed load they are dropped, never merged: their seqs lie
 * past the part not yet paged, and merging them would make the next load skip that gap for good (the next
 * load reads them from the store anyway). An event whose seq is already present is dropped (a pushed event may also be in a
 * page). One that arrives after a higher seq (committed late) is inserted in place and bumps `generation`,
 * which tells the filtered views to rebuild: rare, so it may cost a full pass.
 */
export class LogStore {
  readonly lines: LogLine[] = [];
  generation = 0;
  state: LoadState = { phase: 'loading' };
  private outputs = 0;
  private version = 0;
  private held: RunEvent[] = [];
  private paging = false;
  /** A load reached the end of the stored events: live pushes may be merged. */
  private caughtUp = false;
  /** Counts load() calls: only the latest may add pages. */
  private loads = 0;
  private scheduled = false;
  private readonly listeners = new Set<() => void>();
  private readonly schedule: (callback: () => void) => void;

  constructor(schedule: (callback: () => void) => void = nextFrame) {
    this.schedule = schedule;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  get lastSeq(): number {
    return this.lines.at(-1)?.seq ?? 0;
  }

  /** Live events: drawn at the next frame, or once the page load in progress has caught up. */
  receive(events: readonly RunEvent[]): void {
    if (this.state.phase === 'error') return; // the next load reads them from the store
    for (const event of events) this.held.push(event);
    if (this.caughtUp && !this.paging) this.changed();
  }

  /**
   * Pages through the stored events after the last line held, until a short page says it has caught up.
   * A newer load (after a reconnect, or React mounting the view again) takes over from one in progress.
   */
  async load(fetchPage: FetchPage, pageSize: number): Promise<void> {
    const token = ++this.loads;
    this.paging = true;
    this.caughtUp = false;
    this.state = { phase: 'loading' };
    this.changed();
    try {
      for (;;) {
        const page = await fetchPage(this.lastSeq);
        if (token !== this.loads) return;
        this.add(page);
        this.changed();
        if (page.length < pageSize) break;
      }
      this.state = { phase: 'live' };
      this.caughtUp = true;
    } catch (error) {
      if (token === this.loads) {
        this.state = { phase: 'error', message: (error as Error).message };
        this.held = [];
      }
    } finally {
      if (token === this.loads) {
        this.paging = false;
        this.changed();
      }
    }
  }

  /** Abandons the page load in progress: the view that started it is gone. */
  cancel(): void {
    this.loads++;
    this.paging = false;
  }

  private changed(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      if (this.caughtUp && !this.paging && this.held.length > 0) {
        this.add(this.held);
        this.held = [];
      }
      this.version++;
      for (const listener of this.listeners) listener();
    });
  }

  /** Appends what is newer than the last line; inserts anything older that is not there yet. */
  private add(events: readonly RunEvent[]): void {
    let late: RunEvent[] | null = null;
    for (const event of events) {
      if (event.seq > this.lastSeq) this.append(event);
      else if (this.indexOf(event.seq) < 0) (late ??= []).push(event);
    }
    if (late) this.insertLate(late);
  }

  private append(event: RunEvent): void {
    if (event.kind === 'output') this.outputs++;
    this.lines.push(toLogLine(event, this.outputs));
  }

  private insertLate(events: RunEvent[]): void {
    let first = this.lines.length;
    for (const event of events) {
      const at = this.indexOf(event.seq);
      if (at >= 0) continue;
      const position = -at - 1;
      this.lines.splice(position, 0, toLogLine(event, 0));
      first = Math.min(first, position);
    }
    // Output numbers after the first insertion moved by one or more: rebuild those lines.
    let number = 0;
    for (let i = 0; i < first; i++) if (this.lines[i]!.output) number = this.lines[i]!.number;
    for (let i = first; i < this.lines.length; i++) {
      const line = this.lines[i]!;
      if (line.output) this.lines[i] = { ...line, number: ++number };
    }
    this.outputs = number;
    this.generation++;
  }

  /** Binary search by seq: the index, or -(insertion point) - 1 when absent. */
  private indexOf(seq: number): number {
    let low = 0;
    let high = this.lines.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const at = this.lines[mid]!.seq;
      if (at === seq) return mid;
      if (at < seq) low = mid + 1;
      else high = mid - 1;
    }
    return -low - 1;
  }
}

/** requestAnimationFrame in the page; a timer elsewhere (unit tests under Node). */
function nextFrame(callback: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(callback);
  else setTimeout(callback, 16);
}
