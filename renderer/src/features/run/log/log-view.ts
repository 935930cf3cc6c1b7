import type { LogLine } from './log-line.ts';

export interface LogFilter {
  /** One step's lines only; null for every step. */
  stepId: string | null;
  /** Include status, step, log and proof events as dim system lines. */
  system: boolean;
}

export interface LogSource {
  readonly lines: readonly LogLine[];
  readonly generation: number;
}

/**
 * The lines one filter shows, as indexes into the store's lines. It only scans lines added since its last
 * sync, so following a growing log costs the new lines, not the whole log, on every frame.
 */
export class LogView {
  readonly filter: LogFilter;
  readonly rows: number[] = [];
  /** Output lines among the rows: the "<n> lines" count. */
  outputCount = 0;
  /** The source's generation the rows were built from; a search restarts when it changes. */
  generation = -1;
  private scanned = 0;

  constructor(filter: LogFilter) {
    this.filter = filter;
  }

  /** Catches up with the source, from scratch when a late line was inserted in the middle. */
  sync(source: LogSource): void {
    if (this.generation !== source.generation) {
      this.rows.length = 0;
      this.outputCount = 0;
      this.scanned = 0;
      this.generation = source.generation;
    }
    const { stepId, system } = this.filter;
    for (let i = this.scanned; i < source.lines.length; i++) {
      const line = source.lines[i]!;
      if (!line.output && !system) continue;
      if (stepId !== null && line.stepId !== stepId) continue;
      this.rows.push(i);
      if (line.output) this.outputCount++;
    }
    this.scanned = source.lines.length;
  }

  /** The rows as plain text, one line each: what "Copy log" and "Download log" hand out. */
  text(source: LogSource): string {
    return this.rows.map((i) => source.lines[i]!.plain).join('\n');
  }
}
