import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  /** The exact bytes, as text: what the signature covers. */
  body: string;
  json: Record<string, unknown>;
}

/** What the receiver does with a request: answer with a status, or never answer. */
export type Answer = number | 'hang';

export interface Receiver {
  url: string;
  received: Received[];
  /** Resolves when `count` requests have come in (rejects after `ms`). */
  waitFor(count: number, ms?: number): Promise<Received[]>;
  close(): Promise<void>;
}

/**
 * A real webhook receiver on loopback. `answers` is taken in order, one per request, the last repeating; the
 * default answers 204 to everything.
 */
export async function startReceiver(answers: Answer[] = [204]): Promise<Receiver> {
  const received: Received[] = [];
  const waiters: Array<() => void> = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: request.headers, body, json: JSON.parse(body) as Record<string, unknown> });
      waiters.forEach((wake) => wake());
      const answer = answers[Math.min(received.length - 1, answers.length - 1)]!;
      if (answer === 'hang') return; // the connection stays open until close()
      response.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/opsroom?token=in-the-path`,
    received,
    waitFor: (count, ms = 20_000) => new Promise((resolve, reject) => {
      const check = () => {
        if (received.length < count) return;
        clearTimeout(timer);
        resolve(received);
      };
      const timer = setTimeout(() => reject(new Error(`${received.length} of ${count} deliveries within ${ms} ms`)), ms);
      waiters.push(check);
      check();
    }),
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Checks X-Opsroom-Signature the way a receiver should: HMAC-SHA256 of the raw body, compared in constant time. */
export function signatureValid(delivery: Received, key: string): boolean {
  const header = delivery.headers['x-opsroom-signature'];
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const expected = Buffer.from(createHmac('sha256', key).update(delivery.body).digest('hex'));
  const given = Buffer.from(header.slice('sha256='.length));
  return given.length === expected.length && timingSafeEqual(given, expected);
}
