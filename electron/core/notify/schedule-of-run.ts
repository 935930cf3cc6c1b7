import type { Run } from '../../../shared/domain/run.ts';
import type { Store } from '../queue/store.ts';

export interface RunSchedule {
  id: number;
  name: string;
  /** schedules.notify as stored (checked by the caller); null when the schedule sets none. */
  notify: unknown;
}

/** A fire's run carries the key `schedule:<id>:<slot>` from its enqueue on (see the schedules design). */
const FIRE_KEY = /^schedule:(\d{1,15}):/;

/**
 * The schedule that fired a run, if one did: through schedule_fires.run_id, or through the run's idempotency key,
 * which is stored with the run itself — so an approval asked for in the first second of a fired run finds its
 * schedule even if the fire's run_id is recorded a moment later. Read-only, one statement (localQuery runs it
 * in a READ ONLY transaction where the database is).
 */
export async function scheduleOfRun(store: Pick<Store, 'localQuery'>, run: Pick<Run, 'id' | 'idempotencyKey'>): Promise<RunSchedule | null> {
  const keyed = FIRE_KEY.exec(run.idempotencyKey ?? '');
  const { rows } = await store.localQuery(
    `SELECT s.id, s.name, s.notify FROM schedules s
      WHERE s.id IN (SELECT f.schedule_id FROM schedule_fires f WHERE f.run_id = $1) OR s.id = $2::bigint
      LIMIT 1`,
    [run.id, keyed ? Number(keyed[1]) : null]);
  const row = rows[0];
  if (!row) return null;
  const [id, name, notify] = row as [number | string, string, unknown];
  return { id: Number(id), name, notify: notify ?? null };
}
