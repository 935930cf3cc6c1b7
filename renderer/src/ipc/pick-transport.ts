import type { Transport } from '../../../shared/ipc/bridge.ts';
import { createBridgeTransport, findBridge } from './bridge-transport.ts';
import type { Connection } from './connection-state.ts';
import { createWsTransport } from './ws-transport.ts';

export type { Connection, ConnectionState } from './connection-state.ts';

/** The desktop app's preload bridge when there is one, else `opsroom serve`'s WebSocket on the page's host. */
export function pickTransport(): { transport: Transport; connection: Connection } {
  const bridge = findBridge();
  return bridge ? createBridgeTransport(bridge) : createWsTransport();
}
