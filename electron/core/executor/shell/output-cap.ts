/**
 * Caps what one step stores. Past the cap, lines are counted, not stored; one marker says so when it happens
 * and a summary at the end says how much was dropped, so a reader never mistakes a capped log for a full one.
 */
export const DEFAULT_MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

export interface OutputCap {
  /** True when the line may be stored. */
  admit(line: string): boolean;
  /** Only after the cap was hit: the message for the first dropped line, then null. */
  takeMarker(): string | null;
  summary(): string | null;
}

export function outputCap(maxBytes = DEFAULT_MAX_OUTPUT_BYTES): OutputCap {
  let stored = 0;
  let droppedBytes = 0;
  let droppedLines = 0;
  let marked = false;
  const size = (line: string) => Buffer.byteLength(line) + 1;
  return {
    admit(line) {
      const bytes = size(line);
      if (droppedLines === 0 && stored + bytes <= maxBytes) {
        stored += bytes;
        return true;
      }
      droppedBytes += bytes;
      droppedLines += 1;
      return false;
    },
    takeMarker() {
      if (droppedLines === 0 || marked) return null;
      marked = true;
      return `[output capped at ${formatBytes(maxBytes)}: further output of this step is counted but not stored]`;
    },
    summary() {
      return droppedLines === 0 ? null
        : `[output cap: ${droppedLines} more line(s), ${formatBytes(droppedBytes)}, were not stored]`;
    },
  };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
