export type JsonPathResult = { found: true; value: unknown } | { found: false; missing: string };

/**
 * Follows a dotted path (`data.items.0.state`) into parsed JSON: a segment names an object member, or, on an
 * array, is an index. `missing` names the segment that was not there, for the failure message.
 */
export function jsonPath(root: unknown, path: string): JsonPathResult {
  let value = root;
  for (const segment of path.split('.')) {
    if (Array.isArray(value) && /^(0|[1-9][0-9]*)$/.test(segment) && Number(segment) < value.length) {
      value = value[Number(segment)];
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, segment)) {
      value = (value as Record<string, unknown>)[segment];
    } else {
      return { found: false, missing: segment };
    }
  }
  return { found: true, value };
}
