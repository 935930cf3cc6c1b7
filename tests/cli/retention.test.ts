import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { migrate } from '../../electron/core/db/migrate.ts';
import { openPglite } from '../../electron/core/db/pglite-sql.ts';
import { cli } from '../helpers/cli.ts';
import { seedHistory } from '../helpers/history-seed.ts';
import { tempDir } from '../helpers/tmp.ts';

const dataDir = tempDir().path;
const opsroom = (...args: string[]) => cli([...args, '--data-dir', dataDir]);
let sessionId = 0;
let lastRunId = 0;

before(async () => {
  const sql = await openPglite(join(dataDir, 'pgdata'));
  await migrate(sql);
  await seedHistory(sql, { runs: 1_000, events: 10_000, days: 365, sessions: 5 });
  sessionId = (await sql.query<{ id: number }>("SELECT min(id) AS id FROM sessions WHERE title LIKE 'session %'")).rows[0]!.id;
  lastRunId = (await sql.query<{ id: number }>('SELECT max(id) AS id FROM runs')).rows[0]!.id;
  await sql.close();
});

test('retention show, set (global and per session), refusals, purge --dry-run, purge', async () => {
  const shown = await opsroom('retention');
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /^runs:   kept forever after they finish\nproofs: with their runs\nlast purge: never\n$/);

  const set = await opsroom('retention', 'set', '--runs-days', '30', '--proofs-days', '90');
  assert.equal(set.code, 0, set.stderr);
  assert.match(set.stdout, /runs:   30 days after they finish\nproofs: 90 days \(the run is trimmed to its proofs first\)/);
  assert.deepEqual(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')), { retention: { runsDays: 30, proofsDays: 90 } });

  const refused = await opsroom('retention', 'set', '--proofs-days', '10');
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /proofs are kept at least as long as their runs: proofs 10 days is less than runs 30 days/);
  assert.match((await opsroom('retention', 'set', '--session', String(sessionId))).stderr, /--session ID and --days N go together/);
  assert.match((await opsroom('retention', 'set', '--runs-days', 'soon')).stderr, /--runs-days takes a whole number \(got "soon"\)/);

  const session = await opsroom('retention', 'set', '--session', String(sessionId), '--days', '7');
  assert.match(session.stdout, new RegExp(`session ${sessionId} \\(session 1\\): runs 7 days`));

  const dry = await opsroom('retention', 'purge', '--dry-run');
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /database: \d+\.\d MB\n$/);
  const wouldPurge = /would purge (\d+) runs, (\d+) events, (\d+) artifacts, (\d+) proofs; would trim (\d+) runs to their proofs/.exec(dry.stdout);
  assert.ok(wouldPurge, dry.stdout);
  const purged = await opsroom('retention', 'purge', '--json');
  assert.equal(purged.code, 0, purged.stderr);
  const report = JSON.parse(purged.stdout) as Record<string, unknown>;
  assert.deepEqual([report.runsDeleted, report.events, report.artifacts, report.proofs, report.runsTrimmed].map(Number), wouldPurge.slice(1).map(Number));
  assert.ok(Number(report.runsDeleted) > 0);
  assert.equal(report.dryRun, false);
  assert.match((await opsroom('retention', 'show')).stdout, new RegExp(`last purge: .*, ${report.runsDeleted} runs, ${report.events} events removed`));
});

test('runs search: the runs whose log lines match, with the lines', async () => {
  const found = await opsroom('runs', 'search', 'connection', 'refused', '--limit', '2', '--lines', '1');
  assert.equal(found.code, 0, found.stderr);
  const runs = found.stdout.split('\n').filter((line) => line.startsWith('run '));
  assert.equal(runs.length, 2);
  for (const run of runs) assert.match(run, /^run \d+ · failed · lane [A-D] · /);
  assert.equal(found.stdout.split('\n').filter((line) => /psql: error: connection refused by/.test(line)).length, 2);
  assert.match(found.stdout, /older runs may match too/);

  // The newest run's request id (the seed's word that only one line has).
  const word = `req-${createHash('md5').update(String(lastRunId)).digest('hex').slice(0, 12)}`;
  const json = JSON.parse((await opsroom('runs', 'search', word, '--json')).stdout) as { hits: { run: { id: number } }[] };
  assert.deepEqual(json.hits.map((h) => h.run.id), [lastRunId]);
  const none = await opsroom('runs', 'search');
  assert.equal(none.code, 2);
  assert.match(none.stderr, /give the text to search the logs for/);
});
