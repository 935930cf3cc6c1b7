/**
 * Splits typed text into words as a POSIX shell would for the grammar's purposes: whitespace separates,
 * '…' keeps everything, "…" keeps everything but \" and \\, a backslash outside quotes escapes the next
 * character. So `/http-health urls="https://a https://b"` gives two words, the second holding a space.
 * `backslashEscapes: false` (Windows, where `C:\Users\me` is a path) keeps backslashes as they are.
 */
export function tokenize(text: string, { backslashEscapes = true } = {}): { words: string[] } | { error: string } {
  const words: string[] = [];
  let word: string | null = null;
  let at = 0;
  while (at < text.length) {
    const char = text[at]!;
    if (/\s/.test(char)) {
      if (word !== null) words.push(word);
      word = null;
      at++;
    } else if (char === "'" || char === '"') {
      const close = findClose(text, at + 1, char);
      if (close < 0) return { error: `unclosed ${char === "'" ? 'single' : 'double'} quote at character ${at + 1}` };
      const inner = text.slice(at + 1, close);
      word = (word ?? '') + (char === '"' ? inner.replace(/\\(["\\])/g, '$1') : inner);
      at = close + 1;
    } else if (char === '\\' && backslashEscapes && at + 1 < text.length) {
      word = (word ?? '') + text[at + 1];
      at += 2;
    } else {
      word = (word ?? '') + char;
      at++;
    }
  }
  if (word !== null) words.push(word);
  return { words };
}

function findClose(text: string, from: number, quote: string): number {
  for (let at = from; at < text.length; at++) {
    if (quote === '"' && text[at] === '\\') at++;
    else if (text[at] === quote) return at;
  }
  return -1;
}
