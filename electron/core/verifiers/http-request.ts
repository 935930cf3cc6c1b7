import { createHash } from 'node:crypto';
import { maskedUrl } from '../db/masked-url.ts';

/** The most of a body kept in memory (and stored as large evidence); the rest is only counted and hashed. */
export const BODY_KEEP_BYTES = 8 * 1024 * 1024;

/** Response headers worth keeping as evidence; never set-cookie or anything else that may carry a secret. */
const EVIDENCE_HEADERS = ['content-type', 'content-length', 'location', 'server', 'date'];

export interface HttpExchange {
  status: number;
  headers: Record<string, string>;
  /** The first BODY_KEEP_BYTES of the body. */
  body: Buffer;
  bodyBytes: number;
  bodySha256: string;
  /** The URL that answered when redirects were followed, else null. */
  finalUrl: string | null;
}

export interface HttpRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  redirect: 'follow' | 'manual';
  timeoutMs: number;
}

const decode = (part: string): string => {
  try {
    return decodeURIComponent(part);
  } catch {
    return part; // not percent-encoded after all: sent as written
  }
};

/** fetch refuses a URL with credentials (and its error repeats them): they go as Basic auth, as curl sends them. */
function withoutCredentials(url: URL, headers: Record<string, string>): { url: URL; headers: Record<string, string> } {
  if (!url.username && !url.password) return { url, headers };
  const bare = new URL(url.href);
  bare.username = '';
  bare.password = '';
  if (Object.keys(headers).some((name) => name.toLowerCase() === 'authorization')) return { url: bare, headers };
  const credentials = Buffer.from(`${decode(url.username)}:${decode(url.password)}`).toString('base64');
  return { url: bare, headers: { ...headers, Authorization: `Basic ${credentials}` } };
}

function errorText(error: unknown): string {
  const { message, cause } = error as Error & { cause?: unknown };
  // fetch reports every network failure as "fetch failed"; the cause says which (ECONNREFUSED, a TLS error…).
  return cause instanceof Error ? `${message}: ${cause.message}` : String(message ?? error);
}

/** One request, its whole body read under the same timeout. A failure is returned as text, never thrown. */
export async function httpRequest(request: HttpRequest, cancel: AbortSignal): Promise<HttpExchange | { error: string }> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const { url, headers: requestHeaders } = withoutCredentials(request.url, request.headers);
  try {
    const response = await fetch(url, {
      method: request.method,
      headers: requestHeaders,
      body: request.body,
      redirect: request.redirect,
      signal: AbortSignal.any([timeout, cancel]),
    });
    const hash = createHash('sha256');
    const kept: Buffer[] = [];
    let bodyBytes = 0;
    for await (const chunk of response.body ?? []) {
      hash.update(chunk);
      const room = BODY_KEEP_BYTES - Math.min(bodyBytes, BODY_KEEP_BYTES);
      if (room > 0) kept.push(Buffer.from(chunk.subarray(0, room)));
      bodyBytes += chunk.length;
    }
    const headers: Record<string, string> = {};
    for (const name of EVIDENCE_HEADERS) {
      const value = response.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    return { status: response.status, headers, body: Buffer.concat(kept), bodyBytes, bodySha256: hash.digest('hex'),
      finalUrl: response.redirected ? maskedUrl(new URL(response.url)) : null };
  } catch (error) {
    if (cancel.aborted) return { error: 'cancelled' };
    if (timeout.aborted) return { error: `no complete response within ${request.timeoutMs} ms` };
    return { error: errorText(error) };
  }
}
