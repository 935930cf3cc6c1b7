/**
 * The start of some bytes or text as a string of at most `maxBytes` UTF-8 bytes, never cutting a character in
 * two. U+0000 becomes U+FFFD: evidence is stored as PostgreSQL jsonb, which cannot hold it.
 */
export function utf8Excerpt(content: Uint8Array | string, maxBytes: number): { text: string; truncated: boolean } {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  let end = Math.min(bytes.length, maxBytes);
  // A byte 10xxxxxx continues a character: back up to the first byte of the one the cut would split.
  if (end < bytes.length) while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  const text = new TextDecoder().decode(bytes.subarray(0, end)).replaceAll('\u0000', '\uFFFD');
  return { text, truncated: end < bytes.length };
}
