/** Small statistics and printing helpers for the benchmark. */

export const now = (): number => performance.now();

/** Wall-clock time in ms with sub-ms precision, comparable across processes (both derive from the system clock). */
export const wallMs = (): number => performance.timeOrigin + performance.now();

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (values: number[]): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** 12345.6 → "12,346"; small values keep a decimal or two. */
export function fmt(value: number, digits?: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const d = digits ?? (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
  return value.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}

export const pct = (fraction: number): string => `${fmt(fraction * 100, 0)}%`;

export function section(title: string): void {
  console.log(`\n== ${title}`);
}

/** Prints rows as a left-aligned first column and right-aligned others. */
export function table(header: string[], rows: string[][]): void {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
    .join('  ').trimEnd();
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

/** Each round's value, then the median: "3,512 (3,490 / 3,534)". */
export function rounds(values: number[]): string {
  const m = fmt(median(values));
  return values.length > 1 ? `${m} (${values.map((v) => fmt(v)).join(' / ')})` : m;
}

export function progress(message: string): void {
  if (process.env.OPSROOM_BENCH_QUIET) return;
  process.stderr.write(`  … ${message}\n`);
}
