import { z } from 'zod';
import { RunEventSchema } from '../domain/run.ts';

/**
 * What the Node side pushes without being asked. `run.events` carries stored run events: status, step and
 * proof events of every run go to every client; output and log lines only for the runs a client watches
 * (`runs.watch`), so a 100,000-line run does not flood every window. `changed` says a list changed
 * elsewhere (another window, the CLI through the socket): refetch it.
 */
export const EVENTS = {
  'run.events': z.object({ events: z.array(RunEventSchema) }),
  changed: z.object({ topic: z.enum(['sessions', 'lanes', 'commands', 'mcp']) }),
} as const;

export type EventName = keyof typeof EVENTS;
export type EventData<E extends EventName> = z.infer<(typeof EVENTS)[E]>;
export type ChangedTopic = EventData<'changed'>['topic'];
