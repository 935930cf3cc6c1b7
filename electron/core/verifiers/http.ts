import { setTimeout as sleep } from 'node:timers/promises';
import type { HttpVerifier } from '../../../shared/ir/verifier.ts';
import { utf8Excerpt } from './excerpt.ts';
import { checkExpectations, type ExpectationFailure, type HttpExpectations } from './http-expectations.ts';
import { httpRequest, type HttpExchange, type HttpFailure, type HttpRequest } from './http-request.ts';
import { maskedUrl } from '../db/masked-url.ts';
import type { LargeEvidence, VerifierModule, VerifierOutcome } from './verifier.ts';

const DEFAULT_TIMEOUT_MS = 5_000;
const DEFAULT_INTERVAL_MS = 500;
const EXCERPT_BYTES = 4096;
const MEDIA_TYPE = /^[a-z0-9.+-]+\/[A-Za-z0-9.+-]+$/;

const fail = (summary: string, evidence: Record<string, unknown>): VerifierOutcome => ({ passed: false, summary, evidence });

interface Attempt {
  exchange: HttpExchange | HttpFailure;
  failures: ExpectationFailure[];
  json: Record<string, unknown> | null;
}

async function attempt(request: HttpRequest, expect: HttpExpectations, cancel: AbortSignal): Promise<Attempt> {
  const exchange = await httpRequest(request, cancel);
  if ('error' in exchange) return { exchange, failures: [], json: null };
  return { exchange, ...checkExpectations(exchange, expect) };
}

/** A body longer than the excerpt is kept whole (up to BODY_KEEP_BYTES) as large evidence. */
function largeBody(exchange: HttpExchange): LargeEvidence | undefined {
  if (exchange.bodyBytes <= EXCERPT_BYTES) return undefined;
  const essence = (exchange.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return { name: 'http-response-body', mediaType: MEDIA_TYPE.test(essence) ? essence : 'application/octet-stream', content: exchange.body };
}

function passedDetail(config: HttpVerifier, exchange: HttpExchange): string {
  return [
    config.maxLatencyMs !== undefined ? `, ${exchange.latencyMs} ms within ${config.maxLatencyMs} ms` : '',
    // An empty expectation (a skill's optional text left unset) holds for any body: not worth a mention.
    config.bodyContains ? `, body contains ${JSON.stringify(config.bodyContains)}` : '',
    config.bodyRegex ? `, body matches /${config.bodyRegex}/` : '',
    config.json ? `, json ${config.json.path} = ${JSON.stringify(config.json.equals)}` : '',
  ].join('');
}

/**
 * GETs (or any method) a URL and checks status, latency budget, body and a JSON value; the measured latency is
 * always evidence. A failing check (a slow answer too) is retried every `intervalMs` until `retryForMs` has
 * passed since the first try, so "wait until the service is up" is one verifier. A 3xx among the expected
 * statuses means the redirect itself is checked, so redirects are then not followed. Body checks see the first
 * 8 MiB; the hash and byte count cover the whole body.
 */
export const httpVerifier: VerifierModule<HttpVerifier> = {
  kind: 'http',
  async verify(config, ctx) {
    const method = config.method ?? 'GET';
    let url: URL;
    try {
      url = new URL(config.url);
    } catch {
      return fail(`http verifier: ${JSON.stringify(config.url)} is not a valid URL`, { url: config.url, method });
    }
    const shownUrl = maskedUrl(url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return fail(`http verifier: only http: and https: URLs are allowed, got ${url.protocol} (${shownUrl})`, { url: shownUrl, method });
    }
    let bodyRegex: RegExp | undefined;
    try {
      bodyRegex = config.bodyRegex === undefined ? undefined : new RegExp(config.bodyRegex);
    } catch (error) {
      return fail(`http verifier: invalid bodyRegex /${config.bodyRegex}/: ${(error as Error).message}`, { url: shownUrl, method });
    }
    const statuses = [config.expectStatus ?? 200].flat();
    const expect: HttpExpectations = {
      statuses, bodyContains: config.bodyContains, bodyRegex, json: config.json, maxLatencyMs: config.maxLatencyMs,
    };
    const request: HttpRequest = {
      url, method, headers: config.headers ?? {}, body: config.body, timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      redirect: statuses.some((status) => status >= 300 && status < 400) ? 'manual' : 'follow',
    };
    const retryForMs = config.retryForMs ?? 0;
    const started = performance.now();
    let attempts = 0;
    let last: Attempt;
    for (;;) {
      attempts++;
      last = await attempt(request, expect, ctx.signal);
      const passed = !('error' in last.exchange) && last.failures.length === 0;
      if (passed || ctx.signal.aborted) break;
      const left = retryForMs - (performance.now() - started);
      if (left <= 0) break;
      try {
        await sleep(Math.min(config.intervalMs ?? DEFAULT_INTERVAL_MS, left), undefined, { signal: ctx.signal });
      } catch {
        break; // cancelled while waiting: the last attempt's failure stands
      }
    }
    const elapsedMs = Math.round(performance.now() - started);
    const cancelled = ctx.signal.aborted;
    const tries = (attempts > 1 ? ` (${attempts} attempts over ${(elapsedMs / 1000).toFixed(1)} s)` : '') + (cancelled ? ', cancelled' : '');
    const base = { url: shownUrl, method, attempts, elapsedMs, cancelled };
    const { exchange } = last;
    if ('error' in exchange) {
      const { error, network } = exchange;
      // The system's code and words next to ours: the evidence shows what the classification rests on.
      const detail = network ? { errorCode: network.code, offline: network.offline, cause: network.cause } : {};
      return fail(`${method} ${shownUrl} failed: ${error}${tries}`, { ...base, status: null, error, ...detail, failed: ['request'] });
    }
    const excerpt = utf8Excerpt(exchange.body, EXCERPT_BYTES);
    const large = largeBody(exchange);
    const evidence = {
      ...base,
      finalUrl: exchange.finalUrl,
      status: exchange.status,
      latencyMs: exchange.latencyMs,
      ...(config.maxLatencyMs !== undefined ? { maxLatencyMs: config.maxLatencyMs } : {}),
      headers: exchange.headers,
      bodyExcerpt: excerpt.text,
      bodyExcerptTruncated: excerpt.truncated,
      bodyBytes: exchange.bodyBytes,
      bodySha256: exchange.bodySha256,
      ...(large ? { largeBytes: large.content.length, largeTruncated: large.content.length < exchange.bodyBytes } : {}),
      ...(last.json ? { json: last.json } : {}),
      failed: last.failures.length ? last.failures.map((failure) => failure.expectation) : null,
      failures: last.failures.map((failure) => failure.detail),
    };
    const outcome = last.failures.length
      ? fail(`HTTP ${exchange.status} from ${shownUrl}: ${last.failures.map((f) => f.detail).join('; ')}${tries}`, evidence)
      : { passed: true, summary: `HTTP ${exchange.status} from ${shownUrl}${passedDetail(config, exchange)}${tries}`, evidence };
    return large ? { ...outcome, large } : outcome;
  },
};
