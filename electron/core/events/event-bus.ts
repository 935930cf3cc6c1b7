import type { RunEvent } from '../../../shared/domain/run.ts';

export type EventListener = (events: RunEvent[]) => void;

/**
 * The in-process bus live subscribers (the IPC layer, the CLI) listen on. Only stored events are published
 * on it. A listener that throws is cut off from nothing else: the others still get the batch.
 */
export function createEventBus() {
  const listeners = new Set<EventListener>();
  return {
    publish(events: RunEvent[]): void {
      if (events.length === 0) return;
      for (const listener of listeners) {
        try {
          listener(events);
        } catch {
          // one broken subscriber must not stop the others or the worker that published
        }
      }
    },
    subscribe(listener: EventListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type EventBus = ReturnType<typeof createEventBus>;
