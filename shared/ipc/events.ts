import { z } from 'zod';
import { HealthIncidentSchema, HealthStateSchema } from '../domain/health.ts';
import { RunEventSchema } from '../domain/run.ts';

/**
 * What the Node side pushes without being asked. `run.events` carries stored run events: status, step and
 * proof events of every run go to every client; output and log lines only for the runs a client watches
 * (`runs.watch`), so a 100,000-line run does not flood every window. `changed` says a list changed
 * elsewhere (another window, the CLI through the socket): refetch it.
 */
/**
 * What the desktop shell asks the window to show: a deep link (`opsroom://…`), a plan file opened from the OS,
 * a notification or tray click. The headless shell never sends it.
 */
/** Longer than any filter the board makes. */
export const MAX_BOARD_QUERY = 2000;

export const OpenTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('run'), runId: z.number().int().positive() }),
  /** The Runboard with this filter query (the board URL's, e.g. `status=failed&session=3`). */
  z.object({ kind: z.literal('board'), query: z.string().max(MAX_BOARD_QUERY) }),
  /** A stored plan, offered in the command bar (its parameter form): opening never runs it. */
  z.object({ kind: z.literal('plan'), planId: z.number().int().positive() }),
]);
export type OpenTarget = z.infer<typeof OpenTargetSchema>;

export const EVENTS = {
  'run.events': z.object({ events: z.array(RunEventSchema) }),
  changed: z.object({ topic: z.enum(['sessions', 'lanes', 'commands', 'plans', 'mcp', 'skills', 'schedules']) }),
  'app.open': z.object({ target: OpenTargetSchema }),
  /** An incident began or changed (a crash, then its recovery), with the whole health state after it. */
  'app.health': z.object({ incident: HealthIncidentSchema, health: HealthStateSchema }),
} as const;

export type EventName = keyof typeof EVENTS;
export type EventData<E extends EventName> = z.infer<(typeof EVENTS)[E]>;
export type ChangedTopic = EventData<'changed'>['topic'];
