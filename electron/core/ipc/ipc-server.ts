import type { ChangedTopic } from '../../../shared/ipc/events.ts';
import type { Push, Response } from '../../../shared/ipc/wire.ts';
import type { Core } from '../core.ts';
import { CHANGED_TOPICS } from './changed-topics.ts';
import { dispatch } from './dispatch.ts';
import { createHandlers } from './handlers/index.ts';
import { eventsFor } from './run-event-filter.ts';

export interface IpcConnection {
  /** Handles one incoming message (already decoded: a structured clone or decodeWire's output). Never throws, never rejects: every failure is a typed error Response. */
  handle(message: unknown): Promise<Response>;
  /** Stops pushes to this connection and forgets its watch set. */
  close(): void;
}

export interface IpcServer {
  /** One connection per window / socket; `push` receives every Push (shared/ipc/wire.ts) meant for it. */
  connect(push: (push: Push) => void): IpcConnection;
  close(): void;
}

interface Peer {
  push(push: Push): void;
  watched: ReadonlySet<number>;
}

/**
 * The Node side of the IPC contract, for any transport: Electron IPC (a structured clone per message) or
 * the headless WebSocket (encodeWire/decodeWire). One core subscription feeds every connection.
 */
export function createIpcServer(core: Core, options: { shell: 'desktop' | 'headless'; version: string }): IpcServer {
  const handlers = createHandlers(core, options);
  const peers = new Set<Peer>();

  const send = (peer: Peer, push: Push) => {
    try {
      peer.push(push);
    } catch {
      // A window that is gone or a socket that broke must not keep the others from their pushes; its
      // transport closes the connection.
    }
  };
  // One push per published batch per connection, never one per event: a flood of output lines arrives in
  // batches of up to a thousand (the event writer's), so a 100,000-line run is about a hundred pushes.
  const unsubscribe = core.subscribe((events) => {
    for (const peer of peers) {
      const mine = eventsFor(events, peer.watched);
      if (mine.length > 0) send(peer, { event: 'run.events', data: { events: mine } });
    }
  });
  // Every connection hears of every crash and recovery: each window shows it (app.health has the history).
  const unsubscribeHealth = core.onHealth((incident, health) => {
    for (const peer of peers) send(peer, { event: 'app.health', data: { incident, health } });
  });
  const announce = (topic: ChangedTopic) => {
    for (const peer of peers) send(peer, { event: 'changed', data: { topic } });
  };
  // A skill file edited in the user's folder changes the list without any call.
  const unsubscribeSkills = core.skills.onChange(() => announce('skills'));

  return {
    connect(push) {
      const peer: Peer = { push, watched: new Set() };
      peers.add(peer);
      let closed = false;
      const ctx = {
        watch(runIds: number[]) {
          if (!closed) peer.watched = new Set(runIds);
        },
      };
      return {
        async handle(message) {
          const { response, method } = await dispatch(message, handlers, ctx);
          const topic = method && CHANGED_TOPICS[method];
          if (topic) announce(topic);
          return response;
        },
        close() {
          closed = true;
          peers.delete(peer);
          peer.watched = new Set();
        },
      };
    },
    close() {
      unsubscribe();
      unsubscribeHealth();
      unsubscribeSkills();
      peers.clear();
    },
  };
}
