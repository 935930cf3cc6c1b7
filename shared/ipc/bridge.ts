import type { Push, Request, Response } from './wire.ts';

/**
 * What a transport moves: one request answered by one response, and pushes. The preload exposes exactly this
 * object as `window.opsroom` (Electron IPC); the renderer's WebSocket transport implements the same shape.
 */
export interface Transport {
  call(request: Request): Promise<Response>;
  /** Returns the function that stops listening. */
  onPush(listener: (push: Push) => void): () => void;
}

/** The global name of the preload's object. */
export const BRIDGE_GLOBAL = 'opsroom';
