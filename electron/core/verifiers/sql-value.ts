import { isDeepStrictEqual } from 'node:util';
import { utf8Excerpt } from './excerpt.ts';

/**
 * A database value as JSON evidence, so its hash survives a round trip through jsonb: a timestamp becomes its
 * ISO string, bytea `\x`-prefixed hex (as PostgreSQL prints it), a bigint its decimal string, and strings
 * longer than `maxStringBytes` are cut (marked with "…").
 */
export function jsonValue(value: unknown, maxStringBytes = Infinity): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const excerpt = utf8Excerpt(value, maxStringBytes);
    return excerpt.truncated ? `${excerpt.text}…` : excerpt.text;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return jsonValue(`\\x${Buffer.from(value).toString('hex')}`, maxStringBytes);
  if (Array.isArray(value)) return value.map((item) => jsonValue(item, maxStringBytes));
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, jsonValue(item, maxStringBytes)]));
  }
  return value;
}

const DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/**
 * The expectValue rule: deep equality of JSON values, except that a number and a string spelling a decimal
 * number compare as numbers (doubles). node-postgres returns bigint and numeric as strings, so `count(*)`
 * ('3') equals 3 and '3.50' equals 3.5. Timestamps compare as ISO strings ("2024-05-01T10:00:00.000Z").
 */
export function sqlValueEquals(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'string' && typeof expected === 'number') return DECIMAL.test(actual) && Number(actual) === expected;
  if (typeof actual === 'number' && typeof expected === 'string') return DECIMAL.test(expected) && Number(expected) === actual;
  return isDeepStrictEqual(actual, expected);
}
