/**
 * Text a tool or server sends can hold what PostgreSQL refuses: NUL (never allowed in text or jsonb) and lone
 * UTF-16 surrogates (refused by jsonb). One bad character must not fail the statement that stores a step's end
 * or its proof, so both become U+FFFD at the store's boundary.
 */
export const cleanText = (text: string): string => text.replaceAll('\u0000', '\ufffd').toWellFormed();

/** cleanText on every string of a JSON value (keys too); other values pass through. */
export function cleanJson<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map(cleanJson) as T;
  if (value && typeof value === 'object' && !(value instanceof Date) && !(value instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanText(k), cleanJson(v)])) as T;
  }
  return value;
}
