import { createServer } from 'node:http';

/** One canned response. A string body is sent as written; anything else as JSON (content-type set for it). */
export interface ReplayResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Wait this long before answering (a slow vendor). */
  delayMs?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A fixed response; a list, replayed in order with the last repeated (pending, pending, success); or a
 * function of the request. */
export type ReplayRoute = ReplayResponse | ReplayResponse[] | ((request: RecordedRequest) => ReplayResponse);

export interface ReplayServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A loopback HTTP server replaying a vendor's documented responses, for skills that call a remote API.
 * Routes are keyed `"GET /repos/o/r/pulls/7"`: the path with its query is tried first, then without it.
 * The routes object is read on every request, so a test may change it between runs. An unknown route gets
 * 404 `{"message":"Not Found"}`, the shape GitHub and most JSON APIs use.
 */
export async function startReplayServer(routes: Record<string, ReplayRoute>): Promise<ReplayServer> {
  const requests: RecordedRequest[] = [];
  const served = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(request);
      const withQuery = `${request.method} ${request.path}`;
      const key = withQuery in routes ? withQuery : `${request.method} ${request.path.split('?')[0]}`;
      const route = routes[key];
      let response: ReplayResponse;
      if (route === undefined) response = { status: 404, body: { message: 'Not Found' } };
      else if (typeof route === 'function') response = route(request);
      else if (Array.isArray(route)) {
        const count = served.get(key) ?? 0;
        served.set(key, count + 1);
        response = route[Math.min(count, route.length - 1)] ?? { status: 500, body: 'empty replay list' };
      } else response = route;
      const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? null);
      const type = typeof response.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
      setTimeout(() => {
        res.writeHead(response.status ?? 200, { 'content-type': type, ...response.headers });
        res.end(text);
      }, response.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
