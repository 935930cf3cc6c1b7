import type { FireOutcome, ScheduleFire } from '../../../../shared/domain/schedule.ts';
import type { Sql } from '../../db/sql.ts';

/** One slot's row, as a scheduler writes it. */
export interface FireRecord {
  scheduleId: number;
  slot: Date;
  outcome: FireOutcome;
  runId?: number | null;
  detail?: string | null;
}

/** A fire with its run's status now; `r` is runs LEFT JOINed on the fire's run. */
export const FIRE_COLUMNS = 'f.schedule_id, f.slot, f.outcome, f.run_id, f.detail, f.fired_at, r.status AS run_status';

type Row = Record<string, unknown>;

export const fireFromRow = (row: Row): ScheduleFire => ({
  scheduleId: row.schedule_id as number,
  slot: row.slot as Date,
  outcome: row.outcome as FireOutcome,
  runId: (row.run_id as number | null) ?? null,
  runStatus: (row.run_status as ScheduleFire['runStatus']) ?? null,
  detail: (row.detail as string | null) ?? null,
  firedAt: row.fired_at as Date,
});

export async function listScheduleFires(sql: Sql, scheduleId: number, limit: number): Promise<ScheduleFire[]> {
  const { rows } = await sql.query(`SELECT ${FIRE_COLUMNS} FROM schedule_fires f LEFT JOIN runs r ON r.id = f.run_id
    WHERE f.schedule_id = $1 ORDER BY f.slot DESC LIMIT $2`, [scheduleId, limit]);
  return rows.map(fireFromRow);
}

// A schedule's work not yet ended, oldest slot first: fires being queued or waiting, and runs queued or running.
// The second half starts from the few unfinished runs (partial indexes), not from every fire of the schedule.
const BUSY = `
SELECT ${FIRE_COLUMNS} FROM schedule_fires f LEFT JOIN runs r ON r.id = f.run_id
 WHERE f.schedule_id = $1 AND f.outcome IN ('firing', 'waiting')
UNION ALL
SELECT ${FIRE_COLUMNS} FROM runs r JOIN schedule_fires f ON f.run_id = r.id
 WHERE r.status IN ('queued', 'running') AND f.schedule_id = $1 AND f.outcome NOT IN ('firing', 'waiting')
 ORDER BY slot`;

export async function scheduleBusy(sql: Sql, scheduleId: number): Promise<ScheduleFire[]> {
  const { rows } = await sql.query(BUSY, [scheduleId]);
  return rows.map(fireFromRow);
}

/** Inserts the slot's row; false when it is there already (another scheduler has the slot, or had it). */
export async function claimScheduleFire(sql: Sql, fire: FireRecord): Promise<boolean> {
  const { rows } = await sql.query(`INSERT INTO schedule_fires (schedule_id, slot, outcome, run_id, detail)
    VALUES ($1, $2, $3, $4, $5) ON CONFLICT (schedule_id, slot) DO NOTHING RETURNING slot`,
  [fire.scheduleId, fire.slot, fire.outcome, fire.runId ?? null, fire.detail ?? null]);
  return rows.length === 1;
}

/** A waiting slot (overlap queue) taken to be queued now; false when another scheduler took it first. */
export async function startWaitingFire(sql: Sql, scheduleId: number, slot: Date): Promise<boolean> {
  const { rows } = await sql.query(`UPDATE schedule_fires SET outcome = 'firing', fired_at = now()
    WHERE schedule_id = $1 AND slot = $2 AND outcome = 'waiting' RETURNING slot`, [scheduleId, slot]);
  return rows.length === 1;
}

/** Records how a 'firing' slot ended (its run, or why it failed); a slot finished already is left as it is. */
export async function finishScheduleFire(sql: Sql, fire: FireRecord): Promise<void> {
  await sql.query(`UPDATE schedule_fires SET outcome = $3, run_id = $4, detail = $5, fired_at = now()
    WHERE schedule_id = $1 AND slot = $2 AND outcome = 'firing'`,
  [fire.scheduleId, fire.slot, fire.outcome, fire.runId ?? null, fire.detail ?? null]);
}

/**
 * Keeps the newest `keep` fires of each schedule (an every-second schedule writes 86,400 a day). Older slots are
 * behind every cursor, so their rows no longer guard anything; the runs they queued keep their idempotency keys.
 */
export async function pruneScheduleFires(sql: Sql, keep: number): Promise<number> {
  const { affectedRows } = await sql.query(`DELETE FROM schedule_fires f USING (
      SELECT schedule_id, slot FROM (
        SELECT schedule_id, slot, row_number() OVER (PARTITION BY schedule_id ORDER BY slot DESC) AS n FROM schedule_fires
      ) ranked WHERE n > $1
    ) old
    WHERE f.schedule_id = old.schedule_id AND f.slot = old.slot AND f.outcome NOT IN ('firing', 'waiting')`, [keep]);
  return affectedRows;
}
