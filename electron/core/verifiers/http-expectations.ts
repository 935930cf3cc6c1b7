import { isDeepStrictEqual } from 'node:util';
import type { HttpExchange } from './http-request.ts';
import { BODY_KEEP_BYTES } from './http-request.ts';
import { jsonPath } from './json-path.ts';

export interface HttpExpectations {
  statuses: number[];
  bodyContains: string | undefined;
  bodyRegex: RegExp | undefined;
  json: { path: string; equals: unknown } | undefined;
  maxLatencyMs: number | undefined;
}

export interface ExpectationFailure {
  expectation: 'status' | 'latency' | 'bodyContains' | 'bodyRegex' | 'json';
  detail: string;
}

/** A value shown in a message or evidence: JSON, cut to a readable length. */
const show = (value: unknown): string => {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
};

/** Every expectation the response misses (empty: it passed), and what the json path held, as evidence. */
export function checkExpectations(exchange: HttpExchange, expect: HttpExpectations): {
  failures: ExpectationFailure[];
  json: Record<string, unknown> | null;
} {
  const failures: ExpectationFailure[] = [];
  if (!expect.statuses.includes(exchange.status)) {
    failures.push({ expectation: 'status', detail: `status ${exchange.status}, expected ${expect.statuses.join(' or ')}` });
  }
  if (expect.maxLatencyMs !== undefined && exchange.latencyMs > expect.maxLatencyMs) {
    failures.push({ expectation: 'latency', detail: `took ${exchange.latencyMs} ms, budget ${expect.maxLatencyMs} ms` });
  }
  if (expect.bodyContains !== undefined && !exchange.body.includes(Buffer.from(expect.bodyContains, 'utf8'))) {
    failures.push({ expectation: 'bodyContains', detail: `body does not contain ${show(expect.bodyContains)}` });
  }
  const text = expect.bodyRegex || expect.json ? exchange.body.toString('utf8') : '';
  if (expect.bodyRegex && !expect.bodyRegex.test(text)) {
    failures.push({ expectation: 'bodyRegex', detail: `body does not match ${expect.bodyRegex}` });
  }
  if (!expect.json) return { failures, json: null };
  const { path, equals } = expect.json;
  if (exchange.bodyBytes > BODY_KEEP_BYTES) {
    failures.push({ expectation: 'json', detail: `body is ${exchange.bodyBytes} bytes, too large to parse as JSON (limit ${BODY_KEEP_BYTES})` });
    return { failures, json: { path, found: null } };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    failures.push({ expectation: 'json', detail: `body is not JSON: ${(error as Error).message}` });
    return { failures, json: { path, found: null } };
  }
  const result = jsonPath(parsed, path);
  if (!result.found) {
    failures.push({ expectation: 'json', detail: `json path ${path} not found (no "${result.missing}")` });
    return { failures, json: { path, found: false } };
  }
  if (!isDeepStrictEqual(result.value, equals)) {
    failures.push({ expectation: 'json', detail: `json ${path} is ${show(result.value)}, expected ${show(equals)}` });
  }
  const shown = show(result.value);
  // A large subtree is kept as its excerpt: evidence stays small, and the full body is in the large evidence.
  return { failures, json: { path, found: true, value: shown.length <= 200 ? (result.value ?? null) : shown } };
}
