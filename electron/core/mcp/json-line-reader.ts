/** One JSON-RPC message may be this large; the SDK's ReadBuffer allows 10 MiB, too little for a 16 MiB result. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/**
 * Splits a server's stdout into whole lines for JSON parsing. Unlike the SDK's ReadBuffer it hands over every
 * line, so a banner can be skipped with its text in the warning, and it joins the chunks of a long message once
 * (ReadBuffer concatenates on every chunk: quadratic for a multi-megabyte result).
 */
export function jsonLineReader(onLine: (line: string) => void): { write(chunk: Buffer): void } {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  return {
    write(chunk) {
      let start = 0;
      let newline = chunk.indexOf(10);
      while (newline !== -1) {
        const piece = chunk.subarray(start, newline);
        const bytes = pending.length > 0 ? Buffer.concat([...pending, piece]) : piece;
        pending = [];
        pendingBytes = 0;
        const line = bytes.toString('utf8').replace(/\r$/, '');
        if (line.trim() !== '') onLine(line);
        start = newline + 1;
        newline = chunk.indexOf(10, start);
      }
      if (start < chunk.length) {
        pending.push(chunk.subarray(start));
        pendingBytes += chunk.length - start;
        if (pendingBytes > MAX_MESSAGE_BYTES) {
          pending = [];
          pendingBytes = 0;
          throw new Error(`a stdout line exceeded ${MAX_MESSAGE_BYTES / 1024 / 1024} MiB without a newline`);
        }
      }
    },
  };
}
