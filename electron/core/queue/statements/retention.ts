import type { Sql } from '../../db/sql.ts';

/** The global rules; a session's retention_days replaces runsDays for its runs. null: keep forever. */
export interface RetentionRules {
  runsDays: number | null;
  proofsDays: number | null;
}

export interface PurgeBatchRequest extends RetentionRules {
  /** Runs with ids above this one are looked at (the cursor of the purge under way)… */
  afterId: number;
  /** …up to this many ids past it, so one statement never walks the whole table. */
  span: number;
  /** At most this many runs, and at most this many of their events, per batch. */
  runs: number;
  events: number;
}

export interface PurgeBatchResult {
  runsDeleted: number;
  runsTrimmed: number;
  events: number;
  artifacts: number;
  proofs: number;
  steps: number;
  /** Secret-store names the deleted runs' inputs held (markers); the caller deletes those no run still names. */
  secretNames: string[];
  /** The next batch's afterId: every run up to it is done or not yet due. */
  cursor: number;
  /** The newest run id: the purge is through once the cursor reaches it. */
  lastId: number;
}

// A finished run (finished_at is set exactly when the status is terminal, 0001's CHECK) whose period is over:
// the session's own period, else the global one; it is deleted whole once the (longer) proofs period is over
// too, else trimmed to its proofs once. A run that a queued or running rerun repeats or reuses outputs of is
// left alone until that one ends.
const RUN_DAYS = 'coalesce(s.retention_days, $1::int)';
const WHOLE = `r.finished_at < now() - make_interval(days => greatest(${RUN_DAYS}, $2::int))`;
const DUE = `
  FROM runs r LEFT JOIN sessions s ON s.id = r.session_id
  WHERE r.id > $3::bigint AND r.id <= $3::bigint + $4::bigint
    AND r.finished_at < now() - make_interval(days => ${RUN_DAYS})
    AND (r.trimmed_at IS NULL OR ${WHOLE})
    AND r.id NOT IN (
      SELECT coalesce(parent_run_id, 0) FROM unfinished
      UNION ALL
      SELECT coalesce(j.value::bigint, 0) FROM unfinished, jsonb_each_text(reuse) AS j WHERE reuse IS NOT NULL)`;

// The few queued and running runs, each status on its own so that its partial index (0001) serves it: with
// both in one condition the planner read every run (100 ms at 100,000 runs).
const UNFINISHED = `unfinished AS (
  SELECT parent_run_id, reuse FROM runs WHERE status = 'queued'
  UNION ALL
  SELECT parent_run_id, reuse FROM runs WHERE status = 'running')`;

const CANDIDATES = `WITH ${UNFINISHED} SELECT r.id, ${WHOLE} AS whole ${DUE} ORDER BY r.id LIMIT $5 FOR UPDATE OF r SKIP LOCKED`;

// Oldest first, at most $2 rows: a run with a million lines is deleted over several batches. By the rows'
// addresses (a TID scan): a join back on the key switched to a hash join past a few thousand rows, 5x slower.
const DELETE_EVENTS = `
DELETE FROM run_events WHERE ctid = ANY(ARRAY(
  SELECT ctid FROM run_events WHERE run_id = ANY($1::bigint[]) ORDER BY run_id, seq LIMIT $2))`;

const SECRET_NAMES = `
SELECT DISTINCT v ->> '$secret' AS name FROM runs, jsonb_each(input) AS i(k, v)
WHERE id = ANY($1::bigint[]) AND jsonb_typeof(v) = 'object' AND v ? '$secret'`;

const count = async (sql: Sql, text: string, ids: number[]) => (await sql.query(text, [ids])).affectedRows;

/**
 * One batch of a purge, in one short transaction: the next due runs after the cursor, their events (bounded),
 * then, once a run has no events left, the run itself (proofs, artifacts, steps and all) or, while its proofs
 * are kept, its artifacts no proof points at and its steps' captured outputs (the run is marked trimmed).
 */
export async function purgeBatch(sql: Sql, request: PurgeBatchRequest): Promise<PurgeBatchResult> {
  return sql.transaction(async (tx) => {
    const last = await tx.query<{ id: number | null }>('SELECT max(id) AS id FROM runs');
    const lastId = last.rows[0]?.id ?? 0;
    const { rows } = await tx.query<{ id: number; whole: boolean }>(CANDIDATES,
      [request.runsDays, request.proofsDays, request.afterId, request.span, request.runs]);
    const result: PurgeBatchResult = {
      runsDeleted: 0, runsTrimmed: 0, events: 0, artifacts: 0, proofs: 0, steps: 0, secretNames: [], lastId,
      cursor: rows.length < request.runs ? Math.min(request.afterId + request.span, lastId) : rows.at(-1)!.id,
    };
    if (rows.length === 0) return result;
    result.events = (await tx.query(DELETE_EVENTS, [rows.map((r) => r.id), request.events])).affectedRows;
    if (result.events === request.events) {
      // Events may remain: the next batch takes the same runs again, from where this one stopped.
      result.cursor = request.afterId;
      return result;
    }
    const whole = rows.filter((r) => r.whole).map((r) => r.id);
    const trimmed = rows.filter((r) => !r.whole).map((r) => r.id);
    if (whole.length > 0) {
      result.secretNames = (await tx.query<{ name: string }>(SECRET_NAMES, [whole])).rows.map((r) => r.name);
      result.proofs = await count(tx, 'DELETE FROM proofs WHERE run_id = ANY($1::bigint[])', whole);
      result.artifacts = await count(tx, 'DELETE FROM artifacts WHERE run_id = ANY($1::bigint[])', whole);
      result.steps = await count(tx, 'DELETE FROM run_steps WHERE run_id = ANY($1::bigint[])', whole);
      result.runsDeleted = await count(tx, 'DELETE FROM runs WHERE id = ANY($1::bigint[])', whole);
    }
    if (trimmed.length > 0) {
      result.artifacts += await count(tx, `DELETE FROM artifacts a WHERE a.run_id = ANY($1::bigint[])
        AND NOT EXISTS (SELECT 1 FROM proofs p WHERE p.artifact_id = a.id)`, trimmed);
      result.steps += await count(tx, `UPDATE run_steps SET outputs = NULL, result = NULL
        WHERE run_id = ANY($1::bigint[]) AND (outputs IS NOT NULL OR result IS NOT NULL)`, trimmed);
      result.runsTrimmed = await count(tx, 'UPDATE runs SET trimmed_at = now() WHERE id = ANY($1::bigint[])', trimmed);
    }
    return result;
  });
}

export type PurgeCounts = Pick<PurgeBatchResult, 'runsDeleted' | 'runsTrimmed' | 'events' | 'artifacts' | 'proofs' | 'steps' | 'lastId'>;

const COUNTS = `
WITH ${UNFINISHED}, c AS (SELECT r.id, ${WHOLE} AS whole ${DUE})
SELECT count(*) FILTER (WHERE whole) AS whole, count(*) FILTER (WHERE NOT whole) AS trimmed,
       (SELECT count(*) FROM run_events WHERE run_id IN (SELECT id FROM c)) AS events,
       (SELECT count(*) FROM proofs WHERE run_id IN (SELECT id FROM c WHERE whole)) AS proofs,
       (SELECT count(*) FROM run_steps WHERE run_id IN (SELECT id FROM c)) AS steps,
       (SELECT count(*) FROM artifacts a JOIN c ON c.id = a.run_id
         WHERE c.whole OR NOT EXISTS (SELECT 1 FROM proofs p WHERE p.artifact_id = a.id)) AS artifacts,
       (SELECT max(id) FROM runs) AS last_id
FROM c`;

/** What purgeBatch would do to the runs in (afterId, afterId + span], changing nothing: a dry run's part. */
export async function countPurgeable(sql: Sql, request: Omit<PurgeBatchRequest, 'runs' | 'events'>): Promise<PurgeCounts> {
  const { rows } = await sql.query<Record<string, number | null>>(COUNTS,
    [request.runsDays, request.proofsDays, request.afterId, request.span]);
  const row = rows[0]!;
  return {
    runsDeleted: Number(row.whole), runsTrimmed: Number(row.trimmed), events: Number(row.events),
    proofs: Number(row.proofs), artifacts: Number(row.artifacts), steps: Number(row.steps), lastId: Number(row.last_id ?? 0),
  };
}

/** Which of these secret-store names a run with an id in (afterId, upToId] still holds in its input. */
export async function referencedSecrets(sql: Sql, names: string[], afterId: number, upToId: number): Promise<string[]> {
  const { rows } = await sql.query<{ name: string }>(`
    SELECT DISTINCT v ->> '$secret' AS name FROM runs, jsonb_each(input) AS i(k, v)
    WHERE id > $2 AND id <= $3 AND jsonb_typeof(v) = 'object' AND v ->> '$secret' = ANY($1::text[])`, [names, afterId, upToId]);
  return rows.map((r) => r.name);
}
