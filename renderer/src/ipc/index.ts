import { createClient } from './client.ts';
import { pickTransport } from './pick-transport.ts';

/** The app's one connection to the Node side: the preload's bridge in the desktop app, else the WebSocket. */
const picked = pickTransport();
export const client = createClient(picked.transport);
export const connection = picked.connection;
export { IpcCallError, type Client } from './client.ts';
export type { ConnectionState } from './pick-transport.ts';
