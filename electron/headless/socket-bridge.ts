import type { WebSocket } from 'ws';
import { decodeWire, encodeWire, type Push, type Response } from '../../shared/ipc/wire.ts';
import type { IpcServer } from '../core/index.ts';

/**
 * Past this much unsent data the client is not keeping up (a stalled tab, a 100,000-line log): close with 1013
 * ("try again later") instead of buffering without bound. The client reconnects and refetches what it shows.
 */
export const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

const badMessage = (message: string): Response => ({ id: null, ok: false, error: { code: 'BAD_MESSAGE', message } });

/** One socket, one IPC connection: requests in as JSON text, responses and pushes out the same way. */
export function bridgeSocket(ws: WebSocket, ipc: IpcServer): void {
  const send = (message: Response | Push) => {
    if (ws.readyState === ws.OPEN) ws.send(encodeWire(message));
  };
  // Only pushes count against the limit, checked before sending: an answer the client asked for (a 30 MB
  // artifact) always goes out, and it is the next push to a client still that far behind that closes it.
  const push = (message: Push) => {
    if (ws.bufferedAmount <= MAX_BUFFERED_BYTES) return send(message);
    if (ws.readyState === ws.OPEN) ws.close(1013, 'the client is reading too slowly: reconnect and refetch');
  };
  const connection = ipc.connect(push);
  ws.on('message', (data, isBinary) => {
    if (isBinary) return send(badMessage('binary frames are not accepted: send a request as JSON text'));
    let message: unknown;
    try {
      message = decodeWire(data.toString());
    } catch (error) {
      return send(badMessage(`not JSON: ${(error as Error).message}`));
    }
    // handle() answers every failure with a typed Response; this catch only keeps a bug in it from taking
    // the whole server down as an unhandled rejection.
    connection.handle(message).then(send, (error: unknown) => send({
      id: null, ok: false, error: { code: 'INTERNAL', message: `unexpected error: ${(error as Error).message}` },
    }));
  });
  ws.on('close', () => connection.close());
  // A protocol error (an oversized or malformed frame) closes the socket with its own code; nothing to add.
  ws.on('error', () => undefined);
}
