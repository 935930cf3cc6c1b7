import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPostgres } from '../../../electron/core/db/postgres-sql.ts';
import { sqlStore } from '../../../electron/core/queue/sql-store.ts';
import { ENGINES } from '../../helpers/engines.ts';
import { plan } from '../../helpers/plans.ts';
import { planHash } from '../../../electron/core/plans/plan-hash.ts';

const RUNS = Number(process.env.OPSROOM_CONTENTION_RUNS ?? 10_000);
const CONNECTIONS = 8;

test(`${CONNECTIONS} connections claiming ${RUNS} runs on PostgreSQL: none claimed twice, none lost`, async () => {
  const postgres = ENGINES.find((e) => e.name === 'postgres')!;
  const { sql, url } = await postgres.open();
  const p = plan('true');
  await sql.query('INSERT INTO plans (name, ir_version, ir, content_hash) VALUES ($1, 1, $2::jsonb, $3)', [p.name, JSON.stringify(p), planHash(p)]);
  // All on one lane: every claimer fights for the head of the same index range.
  await sql.query(`INSERT INTO runs (plan_id, title, lane) SELECT (SELECT id FROM plans), 'run ' || g, 'A'
    FROM generate_series(1, $1::integer) g`, [RUNS]);

  const claimed: number[][] = [];
  await Promise.all(Array.from({ length: CONNECTIONS }, async (_, n) => {
    const own = await openPostgres(url!, 1);
    const store = sqlStore(own);
    const mine: number[] = [];
    claimed.push(mine);
    for (;;) {
      const run = await store.claim('A', `w${n}`);
      if (!run) {
        // Empty can mean "the rest is locked by peers": only stop when nothing is queued at all.
        const { rows } = await own.query<{ n: number }>("SELECT count(*) AS n FROM runs WHERE status = 'queued'");
        if (rows[0]!.n === 0) break;
        continue;
      }
      mine.push(run.run.id);
      assert.ok(await store.finishRun(run.fence, { status: 'succeeded' }), 'the fence held for the only claimer');
    }
    await own.close();
  }));

  const all = claimed.flat();
  assert.equal(all.length, RUNS, 'every run was claimed');
  assert.equal(new Set(all).size, RUNS, 'no run was claimed twice');
  const { rows } = await sql.query<{ status: string; claims: number; n: number }>(
    'SELECT status, claim_count AS claims, count(*) AS n FROM runs GROUP BY 1, 2');
  assert.deepEqual(rows, [{ status: 'succeeded', claims: 1, n: RUNS }], 'the database agrees: each run claimed once, all done');
  const events = await sql.query<{ n: number }>('SELECT count(*) AS n FROM run_events');
  assert.equal(events.rows[0]!.n, RUNS * 2, 'one running and one succeeded event per run');
  assert.ok(claimed.filter((c) => c.length > 0).length >= CONNECTIONS / 2, 'the work was spread over the connections');
});
