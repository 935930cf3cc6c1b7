import { z } from 'zod';

/**
 * What stopped unexpectedly inside the app, and what the core did about it: the database thread is restarted
 * on the same folder, a lane worker thread is replaced; runs they were running are requeued. Kept in memory
 * for the life of the process, so a window opened later still sees what happened.
 */
export const HealthIncidentSchema = z.object({
  /** Unique in this process; an incident is pushed again under the same id when its state changes. */
  id: z.number().int().positive(),
  component: z.enum(['database', 'lane-worker']),
  /** The lane worker's id (e.g. `A1@host:123.0`); null for the database. */
  worker: z.string().nullable(),
  at: z.date(),
  /** What the thread said as it stopped (an uncaught error, its exit code). */
  error: z.string(),
  state: z.enum(['recovering', 'recovered', 'fatal']),
  recoveredAt: z.date().nullable(),
  /** Runs that were running on it, taken back and queued again. */
  requeuedRunIds: z.array(z.number().int().positive()),
});
export type HealthIncident = z.infer<typeof HealthIncidentSchema>;

export const HealthStateSchema = z.object({
  /** 'fatal': the core gave up restarting the database; nothing works until the app is restarted. */
  status: z.enum(['ok', 'recovering', 'fatal']),
  fatal: z.object({ message: z.string(), action: z.string() }).nullable(),
  /** Newest first, the last 20 of this process. */
  incidents: z.array(HealthIncidentSchema),
});
export type HealthState = z.infer<typeof HealthStateSchema>;

const runs = (ids: number[]) => (ids.length === 1 ? `run ${ids[0]} was requeued` : `${ids.length} runs were requeued`);

/** One sentence for people, the same in the window and on the CLI's stderr; `time` as the caller shows times. */
export function describeIncident(incident: HealthIncident, time: string): string {
  const what = incident.component === 'database' ? 'The database'
    : `Lane worker ${incident.worker?.split('@')[0] ?? ''}`.trimEnd();
  const stopped = `${what} stopped unexpectedly at ${time}`;
  const requeued = incident.requeuedRunIds.length ? `; ${runs(incident.requeuedRunIds)}` : '';
  if (incident.state === 'recovering') return `${stopped}; restarting it…`;
  if (incident.state === 'fatal') return `${stopped} and could not be restarted.`;
  return `${stopped} and was ${incident.component === 'database' ? 'restarted' : 'replaced'}${requeued}.`;
}

/** One line for a terminal (stderr of `opsroom worker` and `opsroom serve`): the sentence with the local time,
 * what the thread said, and once the core gave up, what to do. */
export function incidentLine(incident: HealthIncident, health: HealthState): string {
  const line = `${describeIncident(incident, incident.at.toTimeString().slice(0, 8))} (${incident.error})`;
  return incident.state === 'fatal' && health.fatal ? `${line} ${health.fatal.action}` : line;
}
