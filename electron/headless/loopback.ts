/** Why the server refused to start: printed as is, with exit status 2. */
export class HeadlessError extends Error {
  override readonly name = 'HeadlessError';
}

/** The only addresses `opsroom serve` listens on: the UI drives shell commands, so no other machine may reach it. */
const LOOPBACK = new Set(['127.0.0.1', '::1']);

export function assertLoopback(host: string): void {
  if (!LOOPBACK.has(host)) {
    throw new HeadlessError(`--host ${host} is not a loopback address: opsroom serve only listens on 127.0.0.1 or ::1 ` +
      '(to use it from another machine, forward the port over SSH: ssh -L 4780:127.0.0.1:4780 …)');
  }
}

/**
 * The Host header values (and so the origins) that name this server. Any other Host means the browser was
 * pointed here under a foreign name (DNS rebinding), so the request is refused even with a valid token.
 */
export function ownHosts(host: string, port: number): Set<string> {
  const literal = host.includes(':') ? `[${host}]` : host;
  return new Set([`${literal}:${port}`, `localhost:${port}`]);
}

export const ownOrigins = (hosts: Set<string>): Set<string> => new Set([...hosts].map((h) => `http://${h}`));

export function urlHost(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
