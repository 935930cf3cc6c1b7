import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { IpcServer } from '../core/index.ts';
import type { RendererSite } from '../web/renderer-site.ts';
import { checkSocketRequest, newToken, type SocketGate } from './auth.ts';
import { assertLoopback, HeadlessError, ownHosts, ownOrigins, urlHost } from './loopback.ts';
import { loadRenderer } from './renderer-dir.ts';
import { attachSocketServer, SOCKET_PATH } from './socket-server.ts';
import { sendText, serveStatic } from './static-files.ts';

export interface HeadlessOptions {
  ipc: IpcServer;
  /** The built renderer (out/renderer): index.html and its assets. */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** 127.0.0.1 (default) or ::1; anything else is refused. */
  host?: string;
  /** Default: a fresh random one. */
  token?: string;
}

export interface Headless {
  /** What a person opens: the page, with the token. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** The headless shell's server: the built renderer over HTTP and the IPC contract over a WebSocket, on loopback. */
export async function startHeadless(options: HeadlessOptions): Promise<Headless> {
  const host = options.host ?? '127.0.0.1';
  assertLoopback(host);
  const site = loadRenderer(options.rendererDir);
  const token = options.token ?? newToken();
  const server = createServer();
  const port = await listen(server, options.port, host);
  const hosts = ownHosts(host, port);
  const gate: SocketGate = { token, hosts, origins: ownOrigins(hosts) };
  server.on('request', (req, res) => {
    handleRequest(req, res, site, gate).catch(() => res.destroy());
  });
  const sockets = attachSocketServer(server, options.ipc, gate);
  const origin = `http://${urlHost(host, port)}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    async close() {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await sockets.close();
      await closed;
    },
  };
}

async function handleRequest(req: IncomingMessage, res: ServerResponse, site: RendererSite, gate: SocketGate): Promise<void> {
  // The page itself is refused under a foreign Host too: a rebinding attacker's page gets nothing from here.
  if (!gate.hosts.has(req.headers.host ?? '')) return sendText(res, site, 403, 'refused: the Host header does not name this server');
  if (new URL(req.url ?? '/', 'http://localhost').pathname === SOCKET_PATH) {
    // Browsers cannot read why an upgrade failed, so the client asks here with a plain GET: the same checks,
    // answered with a status it can read (401 wrong token, 403 wrong origin, 426 all fine).
    const verdict = checkSocketRequest(req, gate);
    return verdict.ok
      ? sendText(res, site, 426, 'this is the WebSocket endpoint: connect with a WebSocket', { Upgrade: 'websocket' })
      : sendText(res, site, verdict.status, verdict.message);
  }
  return serveStatic(req, res, site);
}

/**
 * Fails now, with the same message startHeadless would give, if the port is taken: `opsroom serve` asks before
 * it spends seconds starting the database. (Taken in between, startHeadless still says so.)
 */
export async function assertPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await listen(probe, port, host);
  await new Promise((resolve) => probe.close(resolve));
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE'
        ? new HeadlessError(`port ${port} on ${host} is already in use (another opsroom serve?): ` +
          'choose another with --port N, or --port 0 for a free one')
        : error);
    });
    server.listen(port, host, () => resolve((server.address() as { port: number }).port));
  });
}
