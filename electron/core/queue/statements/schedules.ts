import type { SecretMarker } from '../../../../shared/domain/secret-marker.ts';
import type { Schedule, ScheduleChanges, ScheduleFire } from '../../../../shared/domain/schedule.ts';
import type { ParamValue } from '../../../../shared/ir/params.ts';
import { CoreError } from '../../errors.ts';
import type { Sql } from '../../db/sql.ts';
import { FIRE_COLUMNS, fireFromRow } from './schedule-fires.ts';

/** A schedule as stored: secret parameters as markers naming their secret-store entries, and the cursor. */
export type ScheduleRow = Omit<Schedule, 'params'> & { params: Record<string, ParamValue | SecretMarker>; lastSlot: Date };
export type NewScheduleRow = Omit<ScheduleRow, 'id' | 'paused' | 'createdAt'>;

const COLUMNS = `s.id, s.name, s.cron, s.timezone, s.target, s.params, s.lane, s.session_id, s.overlap, s.catch_up,
  s.catch_up_limit, s.paused, s.notify, s.last_slot, s.created_at`;
type Row = Record<string, unknown>;

export const scheduleFromRow = (row: Row): ScheduleRow => ({
  id: row.id as number,
  name: row.name as string,
  cron: row.cron as string,
  timezone: row.timezone as string,
  target: row.target as Schedule['target'],
  params: row.params as ScheduleRow['params'],
  lane: row.lane as string,
  sessionId: (row.session_id as number | null) ?? null,
  overlap: row.overlap as Schedule['overlap'],
  catchUp: row.catch_up as Schedule['catchUp'],
  catchUpLimit: row.catch_up_limit as number,
  paused: row.paused as boolean,
  notify: (row.notify as Schedule['notify']) ?? null,
  lastSlot: row.last_slot as Date,
  createdAt: row.created_at as Date,
});

const unknown = (name: string) => new CoreError('UNKNOWN_SCHEDULE', `there is no schedule named "${name}" (opsroom schedules list shows them)`);

export async function addSchedule(sql: Sql, s: NewScheduleRow): Promise<ScheduleRow> {
  return sql.transaction(async (tx) => {
    if (s.sessionId !== null) {
      const { rows } = await tx.query<{ archived_at: Date | null }>('SELECT archived_at FROM sessions WHERE id = $1', [s.sessionId]);
      if (!rows[0]) throw new CoreError('UNKNOWN_SESSION', `there is no session ${s.sessionId}`);
      if (rows[0].archived_at) throw new CoreError('INVALID_STATE', `session ${s.sessionId} is archived; restore it before scheduling runs in it`);
    }
    const { rows } = await tx.query(`INSERT INTO schedules AS s (name, cron, timezone, target, params, lane, session_id,
        overlap, catch_up, catch_up_limit, notify, last_slot)
      VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8, $9, $10, $11::jsonb, $12)
      ON CONFLICT (name) DO NOTHING RETURNING ${COLUMNS}`,
    [s.name, s.cron, s.timezone, JSON.stringify(s.target), JSON.stringify(s.params), s.lane, s.sessionId, s.overlap,
      s.catchUp, s.catchUpLimit, s.notify === null ? null : JSON.stringify(s.notify), s.lastSlot]);
    if (!rows[0]) throw new CoreError('INVALID_INPUT', `a schedule named "${s.name}" already exists: pick another name, or remove it first`);
    return scheduleFromRow(rows[0]);
  });
}

// The newest fire of each schedule, whatever became of it, with its run's status now.
const LIST = `
SELECT ${COLUMNS}, lf.schedule_id, lf.slot, lf.outcome, lf.run_id, lf.detail, lf.fired_at, lf.run_status
  FROM schedules s LEFT JOIN LATERAL (
    SELECT ${FIRE_COLUMNS} FROM schedule_fires f LEFT JOIN runs r ON r.id = f.run_id
     WHERE f.schedule_id = s.id ORDER BY f.slot DESC LIMIT 1
  ) lf ON true
 ORDER BY s.name`;

export async function listSchedules(sql: Sql): Promise<{ pausedAll: boolean; schedules: (ScheduleRow & { lastFire: ScheduleFire | null })[] }> {
  const settings = await sql.query<{ paused_all: boolean }>('SELECT paused_all FROM schedule_settings');
  const { rows } = await sql.query(LIST);
  return {
    pausedAll: settings.rows[0]?.paused_all ?? false,
    schedules: rows.map((row) => ({ ...scheduleFromRow(row), lastFire: row.slot ? fireFromRow(row) : null })),
  };
}

export async function getSchedule(sql: Sql, name: string): Promise<ScheduleRow> {
  const { rows } = await sql.query(`SELECT ${COLUMNS} FROM schedules s WHERE s.name = $1`, [name]);
  if (!rows[0]) throw unknown(name);
  return scheduleFromRow(rows[0]);
}

/** A new cron or zone starts from `now`: slots of the old expression before the change are not missed ones. */
export async function updateSchedule(sql: Sql, name: string, c: ScheduleChanges, now: Date): Promise<ScheduleRow> {
  const { rows } = await sql.query(`UPDATE schedules s SET
      cron = coalesce($2, cron), timezone = coalesce($3, timezone), lane = coalesce($4, lane),
      overlap = coalesce($5, overlap), catch_up = coalesce($6, catch_up), catch_up_limit = coalesce($7, catch_up_limit),
      notify = CASE WHEN $8 THEN $9::jsonb ELSE notify END,
      last_slot = CASE WHEN $2::text IS NOT NULL OR $3::text IS NOT NULL THEN greatest(last_slot, $10) ELSE last_slot END,
      updated_at = now()
    WHERE name = $1 RETURNING ${COLUMNS}`,
  [name, c.cron ?? null, c.timezone ?? null, c.lane ?? null, c.overlap ?? null, c.catchUp ?? null, c.catchUpLimit ?? null,
    c.notify !== undefined, c.notify ? JSON.stringify(c.notify) : null, now]);
  if (!rows[0]) throw unknown(name);
  return scheduleFromRow(rows[0]);
}

/** Resuming moves the cursor to `now`: slots while paused were not missed, so catch-up does not replay them. */
export async function setSchedulePaused(sql: Sql, name: string, paused: boolean, now: Date): Promise<ScheduleRow> {
  const { rows } = await sql.query(`UPDATE schedules s SET paused = $2,
      last_slot = CASE WHEN s.paused AND NOT $2 THEN greatest(last_slot, $3) ELSE last_slot END, updated_at = now()
    WHERE name = $1 RETURNING ${COLUMNS}`, [name, paused, now]);
  if (!rows[0]) throw unknown(name);
  return scheduleFromRow(rows[0]);
}

/** "Pause all" and back; resuming moves every cursor to `now`, as resuming one schedule does. */
export async function setSchedulesPausedAll(sql: Sql, paused: boolean, now: Date): Promise<void> {
  await sql.query(`WITH settings AS (
      UPDATE schedule_settings SET paused_all = $1, updated_at = now() RETURNING paused_all
    ), moved AS (
      -- reads the flag as it was before this statement: only a real resume moves the cursors
      UPDATE schedules SET last_slot = greatest(last_slot, $2) WHERE NOT $1 AND (SELECT paused_all FROM schedule_settings)
    )
    SELECT paused_all FROM settings`, [paused, now]);
}

export async function removeSchedule(sql: Sql, name: string): Promise<ScheduleRow> {
  const { rows } = await sql.query(`DELETE FROM schedules s WHERE name = $1 RETURNING ${COLUMNS}`, [name]);
  if (!rows[0]) throw unknown(name);
  return scheduleFromRow(rows[0]);
}

/** What a tick works on: the schedules that may fire (none while "pause all" is set), and whether each has a
 * slot waiting for its previous run to end. */
export async function scheduleTickState(sql: Sql): Promise<(ScheduleRow & { waiting: boolean })[]> {
  const { rows } = await sql.query(`SELECT ${COLUMNS}, EXISTS (SELECT 1 FROM schedule_fires f
      WHERE f.schedule_id = s.id AND f.outcome = 'waiting') AS waiting
    FROM schedules s CROSS JOIN schedule_settings st WHERE NOT s.paused AND NOT st.paused_all ORDER BY s.id`);
  return rows.map((row) => ({ ...scheduleFromRow(row), waiting: row.waiting as boolean }));
}

/** Every slot up to `slot` was dealt with. Never moves back (two schedulers may finish out of order). */
export async function advanceScheduleCursor(sql: Sql, scheduleId: number, slot: Date): Promise<void> {
  await sql.query('UPDATE schedules SET last_slot = greatest(last_slot, $2) WHERE id = $1', [scheduleId, slot]);
}

/** Slots left 'firing' for at least `olderThanMs` (by the database's clock): a scheduler died queueing them. */
export async function staleScheduleFires(sql: Sql, olderThanMs: number): Promise<{ schedule: ScheduleRow; slot: Date }[]> {
  const { rows } = await sql.query(`SELECT ${COLUMNS}, f.slot AS fire_slot FROM schedule_fires f JOIN schedules s ON s.id = f.schedule_id
    WHERE f.outcome = 'firing' AND f.fired_at <= now() - $1::bigint * interval '1 millisecond' ORDER BY f.slot`, [olderThanMs]);
  return rows.map((row) => ({ schedule: scheduleFromRow(row), slot: row.fire_slot as Date }));
}
