import type { Plan } from '../../../../shared/ir/plan.ts';
import type { PlanOutline } from '../../../../shared/ipc/methods/runs.ts';
import { CoreError } from '../../errors.ts';
import type { Sql } from '../../db/sql.ts';

const OUTLINE_COLUMNS = 'id, name, ir, content_hash, created_at';

/** Stores a plan once per content ($1 name, $2 IR version, $3 IR, $4 content hash, $5 kind); the caller adds
 * RETURNING. A plan stored already keeps its kind: the first store of a content decides whether it is listed
 * (0003). */
export const UPSERT_PLAN = `
INSERT INTO plans (name, ir_version, ir, content_hash, kind) VALUES ($1, $2, $3::jsonb, $4, $5)
ON CONFLICT (content_hash) DO UPDATE SET content_hash = EXCLUDED.content_hash`;

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

/** Stores a validated plan without running it (a plan file opened from the OS). */
export async function savePlan(sql: Sql, plan: Plan, planHash: string): Promise<PlanOutline> {
  const { rows } = await sql.query(`${UPSERT_PLAN} RETURNING ${OUTLINE_COLUMNS}`,
    [plan.name, plan.irVersion, JSON.stringify(plan), planHash, 'plan']);
  return outlineFromRow(rows[0]!);
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

// One statement whichever way it goes: the plan's name is looked up, then pinned or unpinned. A typed command
// is not a plan one picks, so it cannot be pinned.
const SET_PINNED = `
WITH plan AS (
  SELECT name FROM plans WHERE id = $1 AND kind = 'plan'
), pinned AS (
  INSERT INTO pins (kind, name) SELECT 'plan', name FROM plan WHERE $2::boolean ON CONFLICT DO NOTHING
), unpinned AS (
  DELETE FROM pins WHERE NOT $2::boolean AND kind = 'plan' AND name IN (SELECT name FROM plan)
)
SELECT name FROM plan`;

/** Pins or unpins every version of the plan's name; returns the name. */
export async function setPlanPinned(sql: Sql, planId: number, pinned: boolean): Promise<string> {
  const { rows } = await sql.query<{ name: string }>(SET_PINNED, [planId, pinned]);
  if (!rows[0]) throw new CoreError('UNKNOWN_PLAN', `there is no plan ${planId} to pin`);
  return rows[0].name;
}

export async function listPinnedPlanNames(sql: Sql): Promise<string[]> {
  const { rows } = await sql.query<{ name: string }>("SELECT name FROM pins WHERE kind = 'plan' ORDER BY name");
  return rows.map((row) => row.name);
}
