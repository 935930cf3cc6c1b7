/**
 * How the UI's link to the Node side stands. The desktop bridge is always 'open'; the WebSocket is
 * 'connecting' until its first open, 'reconnecting' after a drop, and 'closed' when retrying cannot help
 * (a refused token) or it was closed on purpose; `reason()` then says what to do, in words for the UI.
 */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface Connection {
  get(): ConnectionState;
  subscribe(listener: (state: ConnectionState) => void): () => void;
  /** Why the state is 'closed' (or why the last attempt failed); null when there is nothing to say. */
  reason(): string | null;
}

/** A Connection plus the setter its transport keeps. */
export function connectionState(initial: ConnectionState): Connection & { set(state: ConnectionState, reason?: string | null): void } {
  let state = initial;
  let why: string | null = null;
  const listeners = new Set<(state: ConnectionState) => void>();
  return {
    get: () => state,
    reason: () => why,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    set(next, reason = null) {
      why = reason;
      if (next === state) return;
      state = next;
      listeners.forEach((listener) => listener(next));
    },
  };
}
