import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { migrate } from '../../../electron/core/db/migrate.ts';
import { openPglite } from '../../../electron/core/db/pglite-sql.ts';
import { openPostgres } from '../../../electron/core/db/postgres-sql.ts';
import type { Sql } from '../../../electron/core/db/sql.ts';
import { seedHistory } from '../../helpers/history-seed.ts';
import { createDatabase, startPostgres, type TestPostgres } from '../../helpers/postgres.ts';
import { tempDir } from '../../helpers/tmp.ts';
import { historyFilters, logWindows } from './history-cases.ts';
import { assertIndexed, planNodes, recordingStore, type Statement } from './plan-check.ts';

// The board's filters and the log search at 100,000 runs and 1,000,000 events read through indexes, on PGlite
// and on PostgreSQL 15, and answer what a plain scan answers. OPSROOM_RETENTION_EVENTS sets the events (runs: a tenth).
const EVENTS = Number(process.env.OPSROOM_RETENTION_EVENTS ?? 1_000_000);
const RUNS = Math.max(1_000, Math.round(EVENTS / 10));

let cluster: TestPostgres | null = null;

/** A parameter value written into EXECUTE's argument list (EXECUTE takes no bound parameters). */
function literal(value: unknown): string {
  const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return quote(value.toISOString());
  if (Array.isArray(value)) return quote(`{${value.map((v) => `"${String(v).replaceAll('"', '\\"')}"`).join(',')}}`);
  return quote(String(value));
}
after(() => cluster?.stop());

const engines: { name: string; open(): Promise<Sql>; generic: boolean }[] = [
  { name: 'PGlite', generic: false, open: async () => openPglite(join(tempDir().path, 'pgdata')) },
  {
    name: 'PostgreSQL 15', generic: true,
    async open() {
      cluster ??= await startPostgres();
      // One connection: the generic-plan setting below is per session.
      return openPostgres(createDatabase(cluster, 'history_plans'), 1);
    },
  },
];

for (const engine of engines) {
  describe(`history at ${RUNS.toLocaleString('en')} runs and ${EVENTS.toLocaleString('en')} events on ${engine.name}`, () => {
    let sql: Sql;
    let sessionId: number;
    let lastRunId: number;
    const now = Date.now();
    before(async () => {
      sql = await engine.open();
      await migrate(sql);
      await seedHistory(sql, { runs: RUNS, events: EVENTS, days: 365 });
      sessionId = (await sql.query<{ id: number }>("SELECT min(id) + 7 AS id FROM sessions WHERE title LIKE 'session %'")).rows[0]!.id;
      lastRunId = (await sql.query<{ id: number }>('SELECT max(id) AS id FROM runs')).rows[0]!.id;
    });
    after(() => sql.close());

    /** Each statement the store ran for `use`, EXPLAINed with its own parameter values. */
    async function statementsOf(use: (store: ReturnType<typeof recordingStore>['store']) => Promise<unknown>): Promise<Statement[]> {
      const recorder = recordingStore(sql);
      await use(recorder.store);
      return recorder.take();
    }

    test('every board filter reads runs through an index, and finds what a scan finds', async () => {
      for (const [label, filter] of historyFilters(now, sessionId)) {
        const statement = (await statementsOf((store) => store.listRuns(filter))).at(-1)!; // after searchQuery, if any
        assertIndexed(await planNodes(sql, statement), label);
      }
      // The check itself catches a scan: the text filter as it was (ILIKE only) reads every run.
      const before = { text: "SELECT id FROM runs WHERE title ILIKE '%zzzz%' OR error ILIKE '%zzzz%' ORDER BY id DESC LIMIT 200", params: [] };
      assert.throws(() => assertIndexed([], 'nothing'));
      await assert.rejects(async () => assertIndexed(await planNodes(sql, before), 'ILIKE only'), /Seq Scan of runs/);
      const { store } = recordingStore(sql);
      const ids = async (where: string, params: unknown[]) =>
        (await sql.query<{ id: number }>(`SELECT id FROM runs WHERE ${where} ORDER BY id DESC LIMIT 200`, params)).rows.map((r) => r.id);
      const listed = async (filter: Parameters<typeof store.listRuns>[0]) => (await store.listRuns({ limit: 200, ...filter })).map((r) => r.id);
      const day = new Date(now - 200 * 86_400_000);
      const next = new Date(day.getTime() + 86_400_000);
      assert.deepEqual(await listed({ since: day, until: next }), await ids('created_at >= $1 AND created_at < $2', [day, next]));
      const hour = new Date(now - 3_600_000);
      const lastHour = await listed({ since: hour });
      assert.ok(lastHour.length > 0, 'some runs were created in the last hour');
      assert.deepEqual(lastHour, await ids('created_at >= $1', [hour]));
      const refused = await listed({ text: 'refused by db-3:' });
      assert.ok(refused.length > 0);
      assert.deepEqual(refused, await ids("title ILIKE '%refused by db-3:%' OR error ILIKE '%refused by db-3:%'", []));
      assert.deepEqual(await listed({ status: ['cancelled'], lane: ['A'] }), await ids("status = 'cancelled' AND lane = 'A'", []));
    });

    test('the log search reads run_events through an index in every window, and finds what a scan finds', async () => {
      const { store } = recordingStore(sql);
      for (const [label, request] of logWindows(lastRunId, sessionId)) {
        const words = await store.searchQuery(request.text);
        const [window] = await statementsOf((s) => s.searchLogWindow({ ...request, words }));
        assertIndexed(await planNodes(sql, window!), label);
        const [scan] = await statementsOf((s) => s.scanLogLines({ ...request, words, rows: 2_000 }));
        assertIndexed(await planNodes(sql, scan!), `${label}, the first lines read one by one`);
      }
      const words = await store.searchQuery('connection refused by db-3');
      const lines = await store.searchLogWindow({ text: 'connection refused by db-3', words, filter: {}, afterRunId: 0, upToRunId: lastRunId, lines: 50 });
      const scan = await sql.query<{ run_id: number; seq: number }>(`SELECT run_id, seq FROM run_events
        WHERE message ILIKE '%connection refused by db-3%' ORDER BY run_id DESC, seq DESC LIMIT 50`);
      assert.ok(lines.length > 0);
      assert.deepEqual(lines.map((l) => [l.runId, l.seq]), scan.rows.map((r) => [r.run_id, r.seq]));
    });

    if (engine.generic) {
      // The PostgreSQL store prepares each statement once per connection; after a few runs the server may plan
      // it once for any values (a generic plan). The indexes must serve that plan too.
      test('generic plans of prepared statements read through indexes too', async () => {
        const statements: [string, Statement][] = [];
        for (const [label, filter] of historyFilters(now, sessionId)) {
          statements.push([label, (await statementsOf((store) => store.listRuns(filter))).at(-1)!]);
        }
        for (const [label, request] of logWindows(lastRunId, sessionId)) {
          const words = await recordingStore(sql).store.searchQuery(request.text);
          statements.push([label, (await statementsOf((store) => store.searchLogWindow({ ...request, words })))[0]!]);
          statements.push([`${label}, read one by one`, (await statementsOf((store) => store.scanLogLines({ ...request, words, rows: 2_000 })))[0]!]);
        }
        await sql.exec('SET plan_cache_mode = force_generic_plan');
        try {
          for (const [i, [label, statement]] of statements.entries()) {
            await sql.exec(`PREPARE generic_${i} AS ${statement.text}`);
            const args = statement.params.map(literal).join(', ');
            const nodes = await planNodes(sql, { text: `generic_${i}${args ? `(${args})` : ''}`, params: [] }, 'EXPLAIN (FORMAT JSON) EXECUTE ');
            assertIndexed(nodes, `${label} (generic plan)`);
          }
        } finally {
          await sql.exec('RESET plan_cache_mode');
        }
      });
    }
  });
}
