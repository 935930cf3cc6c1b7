import type { NewRunEvent } from '../../shared/domain/run.ts';
import type { Sql } from '../../electron/core/db/sql.ts';

export const LANES = ['A', 'B', 'C', 'D'] as const;

const BENCH_PLAN = { irVersion: 1, name: 'bench: empty run', steps: [{ id: 'noop', tool: 'shell', input: { command: 'true' }, verify: [{ kind: 'exit_code' }] }] };

/**
 * Empties the queue tables and queues `count` runs spread evenly over lanes A-D, all referencing one plan
 * row, in one INSERT … SELECT generate_series: seeding is never part of a timed section. Returns how many
 * runs each lane got.
 */
export async function seedRuns(sql: Sql, count: number): Promise<Map<string, number>> {
  await sql.exec('TRUNCATE runs, run_steps, run_events, artifacts CASCADE');
  const plan = await sql.query<{ id: number }>(`
    INSERT INTO plans (name, ir_version, ir, content_hash) VALUES ($1, 1, $2::jsonb, repeat('b', 64))
    ON CONFLICT (content_hash) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
  [BENCH_PLAN.name, JSON.stringify(BENCH_PLAN)]);
  await sql.query(`
    INSERT INTO runs (plan_id, title, lane)
    SELECT $1, 'bench ' || i, ($2::text[])[1 + i % ${LANES.length}] FROM generate_series(0, $3 - 1) AS i`,
  [plan.rows[0]!.id, LANES, count]);
  await sql.exec('ANALYZE runs');
  const perLane = new Map<string, number>();
  LANES.forEach((lane, i) => perLane.set(lane, Math.floor(count / LANES.length) + (i < count % LANES.length ? 1 : 0)));
  return perLane;
}

/** One run to hang appended events on (run_events.run_id is a foreign key). */
export async function seedEventRun(sql: Sql): Promise<number> {
  await seedRuns(sql, 1);
  const { rows } = await sql.query<{ id: number }>('SELECT id FROM runs LIMIT 1');
  return rows[0]!.id;
}

/** An output line as a shell step produces it: about 80 characters of text and the stream in the payload. */
export function outputEvent(runId: number, i: number): NewRunEvent {
  return {
    runId, attempt: 1, stepId: 'sh', kind: 'output', level: 'info', payload: { stream: 'stdout' },
    message: `${new Date(1_700_000_000_000 + i).toISOString()} line ${i} of the benchmark output, padded to 80 chars.`,
  };
}

/** After a drain: every run succeeded exactly once, none claimed twice. */
export async function checkDrained(sql: Sql, count: number): Promise<void> {
  const { rows } = await sql.query<{ done: number; twice: number }>(`
    SELECT count(*) FILTER (WHERE status = 'succeeded') AS done, count(*) FILTER (WHERE claim_count > 1) AS twice FROM runs`);
  const { done, twice } = rows[0]!;
  if (Number(done) !== count || Number(twice) !== 0) {
    throw new Error(`drain check failed: ${done} of ${count} runs succeeded, ${twice} claimed more than once`);
  }
}
