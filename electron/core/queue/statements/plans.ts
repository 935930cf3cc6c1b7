import type { Plan } from '../../../../shared/ir/plan.ts';
import type { PlanOutline } from '../../../../shared/ipc/methods/runs.ts';
import { CoreError } from '../../errors.ts';
import type { Sql } from '../../db/sql.ts';

const OUTLINE_COLUMNS = 'id, name, ir, content_hash, created_at';

/** The outline is cut here, next to the database: only names and edges cross to the caller, never every
 * step's input. */
function outlineFromRow(row: Record<string, unknown>): PlanOutline {
  const ir = row.ir as Plan;
  return {
    id: row.id as number,
    name: row.name as string,
    description: ir.description ?? null,
    contentHash: row.content_hash as string,
    params: ir.params ?? {},
    steps: ir.steps.map((step) => ({ id: step.id, name: step.name ?? null, tool: step.tool, needs: step.needs ?? [] })),
    createdAt: row.created_at as Date,
  };
}

export async function getPlanOutline(sql: Sql, id: number): Promise<PlanOutline> {
  const { rows } = await sql.query(`SELECT ${OUTLINE_COLUMNS} FROM plans WHERE id = $1`, [id]);
  if (!rows[0]) throw new CoreError('UNKNOWN_PLAN', `there is no plan ${id}`);
  return outlineFromRow(rows[0]);
}

// DISTINCT ON keeps the newest version of each name (plans_pickable_idx); typed shell commands are left out.
const NEWEST_PLANS = `
SELECT ${OUTLINE_COLUMNS} FROM (
  SELECT DISTINCT ON (name) ${OUTLINE_COLUMNS} FROM plans WHERE kind = 'plan' ORDER BY name, id DESC
) newest ORDER BY id DESC`;

/** The plans a person would pick from, newest first. */
export async function listPlans(sql: Sql): Promise<PlanOutline[]> {
  const { rows } = await sql.query(NEWEST_PLANS);
  return rows.map(outlineFromRow);
}
