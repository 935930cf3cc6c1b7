import { BRIDGE_GLOBAL, type Transport } from '../../../shared/ipc/bridge.ts';
import { connectionState, type Connection } from './connection-state.ts';

/** The preload's object in the desktop app (window.opsroom), or null in a browser. */
export function findBridge(): Transport | null {
  const candidate = (globalThis as unknown as Record<string, unknown>)[BRIDGE_GLOBAL] as Partial<Transport> | undefined;
  return typeof candidate?.call === 'function' && typeof candidate.onPush === 'function' ? (candidate as Transport) : null;
}

/**
 * Electron IPC through the preload's bridge: always 'open' (the main process outlives the window). A rejected
 * invoke (no handler, a throw in main) still becomes a Response, so callers see one kind of failure.
 */
export function createBridgeTransport(bridge: Transport): { transport: Transport; connection: Connection } {
  return {
    transport: {
      call: (request) => bridge.call(request).catch((error: unknown) => ({
        id: request.id, ok: false as const, error: { code: 'INTERNAL' as const, message: `the desktop bridge failed: ${(error as Error).message}` },
      })),
      onPush: (listener) => bridge.onPush(listener),
    },
    connection: connectionState('open'),
  };
}
