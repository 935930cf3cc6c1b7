import type { Plan } from '../../../../shared/ir/plan.ts';
import { RunFilterSchema, type Run, type RunEvent, type RunFilter, type RunStep } from '../../../../shared/domain/run.ts';
import { CoreError } from '../../errors.ts';
import type { Sql } from '../../db/sql.ts';
import { EVENT_COLUMNS, RUN_COLUMNS, STEP_COLUMNS, eventFromRow, runFromRow, stepFromRow } from '../rows.ts';
import { runFilterWhere, searchQuery } from './run-filter-sql.ts';

export async function getRun(sql: Sql, id: number): Promise<{ run: Run; steps: RunStep[] }> {
  const { rows } = await sql.query(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = $1`, [id]);
  if (!rows[0]) throw new CoreError('UNKNOWN_RUN', `there is no run ${id}`);
  const steps = await sql.query(`SELECT ${STEP_COLUMNS} FROM run_steps WHERE run_id = $1 ORDER BY idx`, [id]);
  return { run: runFromRow(rows[0]), steps: steps.rows.map(stepFromRow) };
}

export async function getPlan(sql: Sql, id: number): Promise<{ plan: Plan; contentHash: string }> {
  const { rows } = await sql.query<{ ir: Plan; content_hash: string }>('SELECT ir, content_hash FROM plans WHERE id = $1', [id]);
  if (!rows[0]) throw new CoreError('UNKNOWN_PLAN', `there is no plan ${id}`);
  return { plan: rows[0].ir, contentHash: rows[0].content_hash };
}

/** Newest first. Every filter is a bound parameter (statuses, a closed set, are literals) and reads through an
 * index (run-filter-sql.ts); text matches where each typed word starts a word of the title or the error and the
 * text appears as typed, case-insensitively; since is inclusive, until exclusive (adjacent ranges do not overlap). */
export async function listRuns(sql: Sql, input: RunFilter): Promise<Run[]> {
  const { limit, ...filter } = RunFilterSchema.parse(input);
  const params: unknown[] = [];
  const where = runFilterWhere(filter, params, filter.text ? await searchQuery(sql, filter.text) : '');
  params.push(limit);
  const { rows } = await sql.query(`SELECT ${RUN_COLUMNS} FROM runs r
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.id DESC LIMIT $${params.length}`, params);
  return rows.map(runFromRow);
}

export async function listEvents(sql: Sql, runId: number, afterSeq: number, limit: number): Promise<RunEvent[]> {
  const { rows } = await sql.query(`SELECT ${EVENT_COLUMNS} FROM run_events WHERE run_id = $1 AND seq > $2
    ORDER BY seq LIMIT $3`, [runId, afterSeq, limit]);
  return rows.map((row) => eventFromRow(row));
}
