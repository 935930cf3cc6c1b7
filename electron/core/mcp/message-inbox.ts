import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

export interface InboxHandlers {
  message(message: JSONRPCMessage): void;
  closed(): void;
  /** A handler threw: reported, and delivery goes on (one bad message must not stop the server's stream). */
  error(error: Error): void;
}

/**
 * Hands a server's messages, and finally its close, to the SDK in the order they arrived. The SDK handles a
 * notification one microtask after delivery but a response at once, so a progress notification read in the same
 * stdout chunk as the call's result was dropped (measured: the last of 3 progress notifications, 2 runs of 2, with
 * the warning "progress notification for an unknown token"). After a notification, the next item waits for the
 * next macrotask, when the notification has been handled.
 */
export function messageInbox(handlers: InboxHandlers): { push(item: JSONRPCMessage | 'closed'): void } {
  const queue: (JSONRPCMessage | 'closed')[] = [];
  let draining = false;
  const drain = () => {
    while (queue.length > 0) {
      const next = queue.shift()!;
      try {
        if (next === 'closed') handlers.closed();
        else handlers.message(next);
      } catch (error) {
        handlers.error(error as Error);
      }
      // even when nothing is queued yet: the rest of the current chunk may still be being read
      if (next !== 'closed' && 'method' in next && !('id' in next)) {
        setImmediate(drain);
        return;
      }
    }
    draining = false;
  };
  return {
    push(item) {
      queue.push(item);
      if (draining) return;
      draining = true;
      drain();
    },
  };
}
