import { StringDecoder } from 'node:string_decoder';

/** Longer lines are cut into pieces of this size, so one runaway line cannot become one huge event. */
export const MAX_LINE_CHARS = 16 * 1024;

/**
 * Turns a byte stream into lines: UTF-8 decoded across chunk boundaries, `\r\n` and `\n` endings removed,
 * NUL (which PostgreSQL text cannot hold) replaced by U+FFFD, and a last unterminated line flushed at the end.
 */
export function lineSplitter(onLine: (line: string) => void): { write(chunk: Buffer): void; end(): void } {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  const emit = (line: string) => {
    const clean = line.endsWith('\r') ? line.slice(0, -1) : line;
    const safe = clean.includes('\0') ? clean.replaceAll('\0', '\uFFFD') : clean;
    for (let i = 0; i < safe.length || i === 0; i += MAX_LINE_CHARS) onLine(safe.slice(i, i + MAX_LINE_CHARS));
  };
  const take = (text: string) => {
    pending += text;
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      emit(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
    while (pending.length > MAX_LINE_CHARS) {
      emit(pending.slice(0, MAX_LINE_CHARS));
      pending = pending.slice(MAX_LINE_CHARS);
    }
  };
  return {
    write: (chunk) => take(decoder.write(chunk)),
    end: () => {
      take(decoder.end());
      if (pending.length > 0) emit(pending);
      pending = '';
    },
  };
}
