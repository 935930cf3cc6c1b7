import type { QueryResult, Sql } from '../../electron/core/db/sql.ts';
import { claim } from '../../electron/core/queue/statements/claim.ts';
import { finishRun } from '../../electron/core/queue/statements/finish-run.ts';
import { seedRuns } from './seed.ts';
import { median, now } from './stats.ts';

/** Where one statement's time goes, ms (medians). */
export interface StatementCost {
  roundTrip: number;
  /** The same text PREPAREd once, then EXECUTEd with the values inlined: no parse, analysis or planning per call. */
  prepared: number;
  planning: number;
  execution: number;
}

export interface PlanCost {
  claim: StatementCost;
  finish: StatementCost;
  /** Round trip of `SELECT 1`: the fixed cost of any call. */
  select1: number;
}

/** Wraps a Sql to capture the text and parameters the real statement code sends. */
function capturing(sql: Sql, seen: { text: string; params: unknown[] }[], run = true): Sql {
  return {
    ...sql,
    query<Row>(text: string, params: unknown[] = []): Promise<QueryResult<Row>> {
      seen.push({ text, params });
      return run ? sql.query<Row>(text, params) : Promise.resolve({ rows: [], affectedRows: 0 });
    },
  };
}

const ROLLBACK = new Error('rollback');

/** A value as an SQL literal, for EXECUTE (which takes no bind parameters). Only what claim/finishRun send. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  throw new Error(`no literal for ${typeof value}`);
}

let prepared = 0;
const preparedNames: string[] = [];
async function prepare(sql: Sql, text: string): Promise<(params: unknown[]) => Promise<unknown>> {
  const name = `bench_p${++prepared}`;
  await sql.exec(`PREPARE ${name} AS ${text}`);
  preparedNames.push(name);
  return (params) => sql.query(`EXECUTE ${name}(${params.map(literal).join(', ')})`);
}

/** Planning and execution time of a statement, from EXPLAIN ANALYZE (TIMING OFF) inside a rolled-back transaction. */
async function explain(sql: Sql, text: string, params: unknown[], samples: number) {
  const planning: number[] = [];
  const execution: number[] = [];
  for (let i = 0; i < samples; i++) {
    await sql.transaction(async (tx) => {
      const { rows } = await tx.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${text}`, params);
      const raw = rows[0]!['QUERY PLAN'];
      const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { 'Planning Time': number; 'Execution Time': number }[];
      planning.push(plan[0]!['Planning Time']);
      execution.push(plan[0]!['Execution Time']);
      throw ROLLBACK;
    }).catch((error) => {
      if (error !== ROLLBACK) throw error;
    });
  }
  return { planning: median(planning), execution: median(execution) };
}

/**
 * One caller, no queueing: the round trip of claim and finishRun as the Store sends them, next to the
 * planning and execution time the server reports for the very same text and parameters.
 */
export async function measurePlanCost(sql: Sql, samples = 300): Promise<PlanCost> {
  await seedRuns(sql, 4 * (samples + 2)); // lanes A (plain) and B (prepared) get samples + 2 each
  const seen: { text: string; params: unknown[] }[] = [];
  const spy = capturing(sql, seen);
  const times = { claim: [] as number[], finish: [] as number[], claimP: [] as number[], finishP: [] as number[] };
  for (let i = 0; i < samples; i++) {
    let t0 = now();
    const claimed = await claim(spy, 'A', 'bench-plan');
    times.claim.push(now() - t0);
    if (!claimed) throw new Error('ran out of runs');
    t0 = now();
    await finishRun(spy, claimed.fence, { status: 'succeeded' });
    times.finish.push(now() - t0);
  }
  const [claimStatement, finishStatement] = [seen[0]!, seen[1]!];
  const claimP = await prepare(sql, claimStatement.text);
  const finishP = await prepare(sql, finishStatement.text);
  for (let i = 0; i < samples; i++) {
    let t0 = now();
    const { rows } = await claimP(['B', 'bench-plan']) as { rows: { id: number; claim_count: number }[] };
    times.claimP.push(now() - t0);
    t0 = now();
    await finishP([rows[0]!.id, rows[0]!.claim_count, 'succeeded', null, 0, null]);
    times.finishP.push(now() - t0);
  }
  const claimPlan = await explain(sql, claimStatement.text, claimStatement.params, 100);
  // finishRun needs a claimed run to find anything to update: claim one, capture (without running) the
  // statement that would finish it, and explain that in rolled-back transactions
  const held = await claim(sql, 'C', 'bench-plan');
  if (!held) throw new Error('no run left to explain finishRun on');
  const captured: { text: string; params: unknown[] }[] = [];
  await finishRun(capturing(sql, captured, false), held.fence, { status: 'succeeded' });
  const finishPlan = await explain(sql, captured[0]!.text, captured[0]!.params, 100);
  const selectTimes: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t0 = now();
    await sql.query('SELECT 1');
    selectTimes.push(now() - t0);
  }
  // Only ours: DEALLOCATE ALL would also drop node-postgres's named statements, which it still believes exist.
  for (const name of preparedNames.splice(0)) await sql.exec(`DEALLOCATE ${name}`);
  return {
    claim: { roundTrip: median(times.claim), prepared: median(times.claimP), ...claimPlan },
    finish: { roundTrip: median(times.finish), prepared: median(times.finishP), ...finishPlan },
    select1: median(selectTimes),
  };
}
