import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { IpcServer } from '../core/index.ts';
import { checkSocketRequest, type SocketGate } from './auth.ts';
import { bridgeSocket } from './socket-bridge.ts';

export const SOCKET_PATH = '/ws';
/** The largest request: mcp.import's 1,000,000-character config text, JSON-escaped, fits with room to spare. */
const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

/** The WebSocket endpoint: upgrades on /ws that pass the gate, each bridged to its own IPC connection. */
export function attachSocketServer(server: Server, ipc: IpcServer, gate: SocketGate): { close(): Promise<void> } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    // Any page may aim a WebSocket here: nothing in this listener may throw (an uncaught throw would end serve).
    try {
      const verdict = checkSocketRequest(req, gate);
      if (!verdict.ok) return refuse(socket, verdict.status, verdict.message);
      if (URL.parse(req.url ?? '/', 'http://localhost')?.pathname !== SOCKET_PATH) return refuse(socket, 404, 'not found');
      wss.handleUpgrade(req, socket, head, (ws) => bridgeSocket(ws, ipc));
    } catch {
      refuse(socket, 400, 'bad request');
    }
  });
  return {
    async close() {
      const open = [...wss.clients];
      open.forEach((ws) => ws.close(1001, 'opsroom serve is stopping'));
      // A client that does not answer the close handshake promptly is cut off: shutdown must not wait on it.
      await Promise.race([
        Promise.all(open.map((ws) => new Promise((resolve) => ws.once('close', resolve)))),
        new Promise((resolve) => setTimeout(resolve, 1000).unref()),
      ]);
      open.forEach((ws) => ws.terminate());
      wss.close();
    },
  };
}

/** A plain HTTP answer on the raw socket, then hang up: the upgrade never happens. */
function refuse(socket: Duplex, status: number, message: string): void {
  const body = `${message}\n`;
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}
