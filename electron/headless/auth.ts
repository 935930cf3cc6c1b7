import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh secret per start: whoever holds the printed URL may drive the core, nobody else on this machine. */
export const newToken = (): string => randomBytes(32).toString('base64url');

export interface SocketGate {
  token: string;
  /** Host header values that name this server (loopback.ts ownHosts). */
  hosts: Set<string>;
  origins: Set<string>;
}

export type Verdict = { ok: true } | { ok: false; status: 401 | 403; message: string };

/**
 * Who may open the WebSocket. Host and Origin are checked first: a page of another site (or one reached by
 * DNS rebinding) is refused before the token is even looked at.
 */
export function checkSocketRequest(req: IncomingMessage, gate: SocketGate): Verdict {
  if (!gate.hosts.has(req.headers.host ?? '')) {
    return { ok: false, status: 403, message: 'refused: the Host header does not name this server' };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !gate.origins.has(origin)) {
    return { ok: false, status: 403, message: 'refused: a page of another origin may not connect' };
  }
  const token = URL.parse(req.url ?? '/', 'http://localhost')?.searchParams.get('token') ?? ''; // URL.parse: never throws
  if (!sameSecret(token, gate.token)) {
    return { ok: false, status: 401, message: 'not authorized: open the URL printed by opsroom serve, including ?token=…' };
  }
  return { ok: true };
}

/** Constant-time, and the lengths are hidden too: both sides are hashed to 32 bytes first. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
