import { CoreError } from '../../errors.ts';
import type { Sql } from '../../db/sql.ts';
import { EVENT_COLUMNS, RUN_COLUMNS, eventFromRow, runFromRow } from '../rows.ts';
import type { EnqueueRequest, RunChange } from '../store.ts';
import { UPSERT_PLAN } from './plans.ts';

// 'auto' picks, among the lanes workers serve, the unpaused one with the least queued and running work; ties
// go to the first name.
const AUTO_LANE = `
SELECT l.name FROM lanes l LEFT JOIN runs r ON r.lane = l.name AND r.status IN ('queued', 'running')
 WHERE NOT l.paused AND l.name = ANY($1::text[]) GROUP BY l.name ORDER BY count(r.id), l.name LIMIT 1`;

const INSERT_RUN = `
INSERT INTO runs (session_id, plan_id, title, lane, priority, max_attempts, run_after, input, idempotency_key,
                  parent_run_id, rerun_kind, reuse)
VALUES ($1, $2, $3, $4, $5, $6, coalesce($7::timestamptz, now()), $8::jsonb, $9, $10, $11, $12::jsonb)
ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
RETURNING ${RUN_COLUMNS}`;

const INSERT_STEPS = `
INSERT INTO run_steps (run_id, idx, step_id, tool)
SELECT $1, s.idx - 1, s.step_id, s.tool FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS s(step_id, tool, idx)`;

const LOG_QUEUED = `
INSERT INTO run_events (run_id, attempt, kind, level, message, payload)
VALUES ($1, 0, 'status', 'info', $2, jsonb_build_object('status', 'queued', 'lane', $3::text))
RETURNING ${EVENT_COLUMNS}`;

/** Stores the plan (deduplicated by content hash), the run, its steps and its first event, atomically. */
export async function enqueue(sql: Sql, request: EnqueueRequest): Promise<RunChange & { created: boolean }> {
  return sql.transaction(async (tx) => {
    if (request.idempotencyKey) {
      const existing = await tx.query(`SELECT ${RUN_COLUMNS} FROM runs WHERE idempotency_key = $1`, [request.idempotencyKey]);
      if (existing.rows[0]) return { run: runFromRow(existing.rows[0]), events: [], created: false };
    }
    if (request.sessionId != null) await assertOpenSession(tx, request.sessionId);
    const lane = await resolveLane(tx, request.lane, request.autoLanes);
    const plan = await tx.query<{ id: number }>(`${UPSERT_PLAN} RETURNING id`,
      [request.plan.name, request.plan.irVersion, JSON.stringify(request.plan), request.planHash, request.kind ?? 'plan']);
    const inserted = await tx.query(INSERT_RUN, [request.sessionId ?? null, plan.rows[0]!.id, request.title, lane,
      request.priority ?? 0, request.maxAttempts ?? 1, request.runAfter ?? null, JSON.stringify(request.input ?? {}),
      request.idempotencyKey ?? null, request.parentRunId ?? null, request.rerunKind ?? null,
      request.reuse ? JSON.stringify(request.reuse) : null]);
    if (!inserted.rows[0]) {
      // A concurrent enqueue with the same key won between our check and our insert.
      const existing = await tx.query(`SELECT ${RUN_COLUMNS} FROM runs WHERE idempotency_key = $1`, [request.idempotencyKey]);
      return { run: runFromRow(existing.rows[0]!), events: [], created: false };
    }
    const run = runFromRow(inserted.rows[0]);
    await tx.query(INSERT_STEPS, [run.id, request.plan.steps.map((s) => s.id), request.plan.steps.map((s) => s.tool)]);
    const logged = await tx.query(LOG_QUEUED, [run.id, `queued on lane ${lane}`, lane]);
    return { run, events: logged.rows.map((row) => eventFromRow(row)), created: true };
  });
}

async function assertOpenSession(tx: Sql, sessionId: number): Promise<void> {
  const { rows } = await tx.query<{ archived_at: Date | null }>('SELECT archived_at FROM sessions WHERE id = $1', [sessionId]);
  if (!rows[0]) throw new CoreError('UNKNOWN_SESSION', `there is no session ${sessionId}`);
  if (rows[0].archived_at) {
    throw new CoreError('INVALID_STATE', `session ${sessionId} is archived; restore it before adding runs`);
  }
}

async function resolveLane(tx: Sql, lane: string, autoLanes: string[]): Promise<string> {
  if (lane === 'auto') {
    const { rows } = await tx.query<{ name: string }>(AUTO_LANE, [autoLanes]);
    if (!rows[0]) throw new CoreError('UNKNOWN_LANE', `every lane served here (${autoLanes.join(', ')}) is paused; resume one or name a lane`);
    return rows[0].name;
  }
  const { rows } = await tx.query<{ name: string }>('SELECT name FROM lanes ORDER BY name');
  if (!rows.some((row) => row.name === lane)) {
    throw new CoreError('UNKNOWN_LANE', `unknown lane "${lane}" (lanes: ${rows.map((row) => row.name).join(', ')}, or auto)`);
  }
  return lane;
}
