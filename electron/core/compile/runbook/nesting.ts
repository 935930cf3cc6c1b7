/** Far beyond any real option or front matter; past it, checking a value could exhaust the stack. */
export const MAX_DEPTH = 32;

/** Whether objects and arrays nest deeper than `limit`; looks no further, so the check itself stays shallow. */
export function deeperThan(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (limit === 0) return true;
  return Object.values(value).some((item) => deeperThan(item, limit - 1));
}
