import type { Run, RunEvent } from '../../shared/domain/run.ts';

/** Colour only on a terminal that wants it (NO_COLOR, a pipe or a file get plain text). */
export function palette(stream: NodeJS.WriteStream) {
  const on = stream.isTTY && !process.env.NO_COLOR;
  const wrap = (code: string) => (text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);
  return { dim: wrap('2'), red: wrap('31'), green: wrap('32'), yellow: wrap('33'), bold: wrap('1') };
}
export type Palette = ReturnType<typeof palette>;

export const time = (date: Date): string => date.toISOString().slice(11, 23);

export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  return minutes < 60 ? `${minutes}m${Math.round((ms % 60_000) / 1000)}s` : `${Math.floor(minutes / 60)}h${minutes % 60}m`;
}

/**
 * One event as a line. The seq comes first so a person (or a test) can match a printed line to the stored
 * event; output lines read like the program's own, stderr marked with "!".
 */
export function eventLine(event: RunEvent, c: Palette): string {
  const head = c.dim(`${time(event.ts)} #${event.seq}`);
  if (event.kind === 'output') {
    const stderr = event.payload?.stream === 'stderr';
    return `${head} ${event.stepId} ${stderr ? c.yellow('!') : '|'} ${event.message}`;
  }
  const colour = event.level === 'error' ? c.red : event.level === 'warn' ? c.yellow
    : event.payload?.status === 'succeeded' ? c.green : c.bold;
  return `${head} ${colour(`-- ${event.message}`)}`;
}

export function runDuration(run: Run, now = Date.now()): string {
  if (!run.startedAt) return '';
  return duration((run.finishedAt?.getTime() ?? now) - run.startedAt.getTime());
}

/** Left-aligned columns; the last column is not padded so long titles do not push lines wide. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

export const json = (value: unknown): string => JSON.stringify(value, null, 2);
