import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import type { PurgeReport } from '../../../shared/domain/retention.ts';
import { createCore } from '../../../electron/core/index.ts';
import { migrate } from '../../../electron/core/db/migrate.ts';
import { openPglite } from '../../../electron/core/db/pglite-sql.ts';
import type { Sql } from '../../../electron/core/db/sql.ts';
import { createSecretStore } from '../../../electron/core/mcp/secret-store.ts';
import { seedHistory } from '../../helpers/history-seed.ts';
import { tempDir } from '../../helpers/tmp.ts';

// A purge through the core (the db-worker thread, as the app runs it) of a year of history: 1,000,000 events
// by default (OPSROOM_RETENTION_EVENTS), runs a tenth of that, of which 30 days are kept.
const EVENTS = Number(process.env.OPSROOM_RETENTION_EVENTS ?? 1_000_000);
const RUNS = Math.max(1_000, Math.round(EVENTS / 10));

const folderBytes = (dir: string): number => readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile()).reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);

const dataDir = tempDir('opsroom-retention-').path;
const pgdata = join(dataDir, 'pgdata');
let lastRunId = 0;
const secret = (name: string) => join(dataDir, 'run-secrets', `run-param.${name}`);

async function withDatabase<T>(use: (sql: Sql) => Promise<T>): Promise<T> {
  const sql = await openPglite(pgdata);
  try {
    return await use(sql);
  } finally {
    await sql.close();
  }
}

before(async () => {
  await withDatabase(async (sql) => {
    await migrate(sql);
    await seedHistory(sql, { runs: RUNS, events: EVENTS, days: 365 });
    lastRunId = (await sql.query<{ id: number }>('SELECT max(id) AS id FROM runs')).rows[0]!.id;
    // Three old runs still queued (a run_after far back, say): never purged, whatever their age.
    await sql.query(`UPDATE runs SET status = 'queued', attempt = 0, claim_count = 0, claimed_by = NULL, claimed_at = NULL,
      heartbeat_at = NULL, started_at = NULL, finished_at = NULL, error = NULL WHERE id IN (11, 12, 14)`);
    // Secret parameters: run 21's only its own, run 22's shared with a recent run (a rerun keeps its parent's).
    await sql.query(`UPDATE runs SET input = jsonb_build_object('pw', jsonb_build_object('$secret', 'run-param.' || $2::text))
      WHERE id = ANY($1::bigint[])`, [[21], 'old']);
    await sql.query(`UPDATE runs SET input = jsonb_build_object('pw', jsonb_build_object('$secret', 'run-param.' || $2::text))
      WHERE id = ANY($1::bigint[])`, [[22, lastRunId - 20], 'shared']);
  });
  const secrets = createSecretStore(dataDir);
  await secrets.set('run-param.old', 'hunter2');
  await secrets.set('run-param.shared', 'hunter3');
});

test(`a purge of ${EVENTS.toLocaleString('en')} events is bounded in time, keeps unfinished runs, deletes secret files and shrinks the database`, async () => {
  const sizeBefore = folderBytes(pgdata);
  const core = await createCore({ dataDir, runWorkers: false });
  const reports: PurgeReport[] = [];
  try {
    await core.retention.setPolicy({ runsDays: 30 });
    // A short budget (a tenth of what deleting the events takes, at about 50,000 a second): the purge stops
    // starting batches when it is spent, and says it did not finish.
    const budgetMs = Math.max(200, EVENTS / 500);
    const first = await core.retention.purge({ budgetMs });
    reports.push(first);
    assert.equal(first.complete, false, 'the whole purge takes longer than the budget');
    assert.ok(first.batches > 1, `batches: ${first.batches}`);
    assert.ok(first.maxBatchMs < budgetMs, `no batch holds the database as long as the whole budget (longest ${first.maxBatchMs} ms)`);
    assert.ok(first.runsDeleted > 0 && first.events > 0, 'the first purge got somewhere');
    for (let call = 0; !reports.at(-1)!.complete && call < 10; call++) reports.push(await core.retention.purge());
    assert.equal(reports.at(-1)!.complete, true);
    assert.deepEqual((await core.retention.policy()).lastPurge?.startedAt, reports.at(-1)!.startedAt, 'each purge is recorded');
  } finally {
    await core.close();
  }
  const total = (key: 'runsDeleted' | 'events' | 'secretFiles') => reports.reduce((sum, r) => sum + r[key], 0);

  await withDatabase(async (sql) => {
    const { rows: [left] } = await sql.query<Record<string, number>>(`SELECT
      (SELECT count(*) FROM runs WHERE finished_at < now() - interval '30 days') AS due,
      (SELECT count(*) FROM runs) AS runs,
      (SELECT count(*) FROM run_events) AS events,
      (SELECT count(*) FROM run_events e WHERE NOT EXISTS (SELECT 1 FROM runs r WHERE r.id = e.run_id)) AS orphans,
      (SELECT count(*) FROM runs WHERE id IN (11, 12, 14) AND status = 'queued') AS queued,
      (SELECT count(*) FROM run_events WHERE run_id IN (11, 12, 14)) AS queued_events`);
    assert.equal(Number(left!.due), 0, 'nothing due is left');
    assert.equal(Number(left!.orphans), 0);
    assert.equal(Number(left!.queued), 3, 'queued runs are never purged, however old');
    assert.ok(Number(left!.queued_events) > 0, 'nor their events');
    assert.equal(total('runsDeleted') + Number(left!.runs), RUNS, 'every run is either purged or still there');
    assert.equal(total('events'), Math.round(EVENTS / RUNS) * total('runsDeleted'), 'each purged run took all its events along');
    assert.ok(total('runsDeleted') > RUNS * 0.85, `about 11 of 12 months purged: ${total('runsDeleted')}`);
  });

  assert.equal(total('secretFiles'), 1);
  assert.equal(existsSync(secret('old')), false, "the purged run's secret parameter file is gone");
  assert.equal(existsSync(secret('shared')), true, 'a file a remaining run still names stays');

  // VACUUM FULL of the tables that lost most of their rows gives the space back; pg_database_size says so, and
  // so does the data folder (WAL included) once the database is closed.
  const last = reports.at(-1)!;
  assert.ok(reports.some((r) => r.vacuum?.compacted.includes('run_events')), 'run_events was compacted');
  assert.ok(last.sizeAfter < reports[0]!.sizeBefore / 2, `database ${reports[0]!.sizeBefore} -> ${last.sizeAfter} bytes`);
  const sizeAfter = folderBytes(pgdata);
  assert.ok(sizeAfter < sizeBefore * 0.9, `data folder ${sizeBefore} -> ${sizeAfter} bytes`);
});
