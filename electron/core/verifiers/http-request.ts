import { createHash } from 'node:crypto';
import { maskedUrl } from '../db/masked-url.ts';
import { connectDeadline, CONNECT_TIMEOUT_MS } from '../net/connect-deadline.ts';
import { connectTimedOut, describeNetworkError, type NetworkFailure } from '../net/network-error.ts';

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
  /** From sending the request to the last byte of the body, redirects included. */
  latencyMs: number;
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

/** An Authorization header that names a scheme but no credentials (an optional token left unset: `Bearer `). */
const EMPTY_CREDENTIALS = /^\s*(bearer|token|basic)?\s*$/i;

/** Such a header is not sent: it turns an anonymous request into a rejected one (GitHub answers 401 "Bad
 * credentials"), which no one means by leaving a token out. */
function withoutEmptyCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers)
    .filter(([name, value]) => name.toLowerCase() !== 'authorization' || !EMPTY_CREDENTIALS.test(value)));
}

/** A request that got no response: why, as text, and for a network failure what it rests on. */
export interface HttpFailure {
  error: string;
  network?: Omit<NetworkFailure, 'message'>;
}

const networkFailure = ({ message, ...network }: NetworkFailure): HttpFailure => ({ error: message, network });

/** One request, its whole body read under the same timeout, its connect under a shorter one. A failure is
 * returned as text, never thrown. */
export async function httpRequest(request: HttpRequest, cancel: AbortSignal): Promise<HttpExchange | HttpFailure> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const { url, headers: requestHeaders } = withoutCredentials(request.url, withoutEmptyCredentials(request.headers));
  const connectMs = Math.min(CONNECT_TIMEOUT_MS, request.timeoutMs);
  const connect = connectDeadline(url, connectMs);
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: request.method,
      headers: requestHeaders,
      body: request.body,
      redirect: request.redirect,
      signal: AbortSignal.any([timeout, cancel, connect.signal]),
    });
    connect.stop();
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
      finalUrl: response.redirected ? maskedUrl(new URL(response.url)) : null, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    if (cancel.aborted) return { error: 'cancelled' };
    if (connect.signal.aborted || (timeout.aborted && connect.connecting())) return networkFailure(connectTimedOut(url, connectMs));
    if (timeout.aborted) return { error: `no complete response within ${request.timeoutMs} ms` };
    return networkFailure(describeNetworkError(error, url));
  } finally {
    connect.stop();
  }
}
