import { StringDecoder } from 'node:string_decoder';

/** Longer lines are cut into pieces of this size, so one runaway line cannot become one huge event. */
export const MAX_LINE_CHARS = 16 * 1024;

/**
 * Turns a byte stream into lines: UTF-8 decoded across chunk boundaries, `\r\n` and `\n` endings removed,
 * NUL (which PostgreSQL text cannot hold) replaced by U+FFFD, and a last unterminated line flushed at the end.
 */
/** Where to cut a long text: at the limit, but never between the two halves of a surrogate pair. */
function cutIndex(text: string): number {
  if (text.length <= MAX_LINE_CHARS) return text.length;
  const code = text.charCodeAt(MAX_LINE_CHARS - 1);
  return code >= 0xd800 && code <= 0xdbff ? MAX_LINE_CHARS - 1 : MAX_LINE_CHARS;
}

export function lineSplitter(onLine: (line: string) => void): { write(chunk: Buffer): void; end(): void } {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  const emit = (line: string) => {
    const clean = line.endsWith('\r') ? line.slice(0, -1) : line;
    const safe = clean.includes('\0') ? clean.replaceAll('\0', '\uFFFD') : clean;
    let rest = safe;
    do {
      const cut = cutIndex(rest);
      onLine(rest.slice(0, cut));
      rest = rest.slice(cut);
    } while (rest.length > 0);
  };
  const take = (text: string) => {
    pending += text;
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      emit(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
    // A full-length line whose "\r\n" is split across chunks waits for the "\n" rather than being cut before it.
    while (pending.length > MAX_LINE_CHARS && !(pending.length === MAX_LINE_CHARS + 1 && pending.endsWith('\r'))) {
      const cut = cutIndex(pending);
      emit(pending.slice(0, cut));
      pending = pending.slice(cut);
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
