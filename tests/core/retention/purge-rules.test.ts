import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { purge } from '../../../electron/core/retention/purge.ts';
import { noSecrets, scalar, seeded } from './seeded.ts';

const olderThan = (days: number) => `finished_at < now() - interval '${days} days'`;

describe('retention rules (PGlite on disk, a seeded year of runs)', () => {
  test('proofs kept longer than runs: a run is trimmed to its proofs, then deleted with them', async () => {
    const { sql, store } = await seeded();
    // Every run ending in 5 also has an artifact no proof points at (say, a captured file).
    await sql.query(`INSERT INTO artifacts (run_id, name, sha256, size, media_type)
      SELECT id, 'capture.txt', encode(sha256(convert_to('c' || id, 'UTF8')), 'hex'), 0, 'text/plain' FROM runs WHERE id % 10 = 5`);
    const kept = await scalar(sql, `SELECT count(*) FROM runs WHERE ${olderThan(30)} AND NOT ${olderThan(90)}`);
    const young = await scalar(sql, `SELECT count(*) FROM run_events e JOIN runs r ON r.id = e.run_id WHERE NOT ${olderThan(30).replace('finished_at', 'coalesce(r.finished_at, now())')}`);
    assert.ok(kept > 50);

    const report = await purge(store, noSecrets, { runsDays: 30, proofsDays: 90 }, 0);
    assert.equal(report.runsTrimmed, kept);
    assert.equal(await scalar(sql, `SELECT count(*) FROM runs WHERE ${olderThan(90)}`), 0, 'past the proofs period: gone');
    assert.equal(await scalar(sql, 'SELECT count(*) FROM proofs'), await scalar(sql, 'SELECT count(*) FROM runs WHERE finished_at IS NOT NULL'),
      'a proof for each finished run left, none for a deleted one');
    const trimmed = `SELECT id FROM runs WHERE ${olderThan(30)}`;
    assert.equal(await scalar(sql, `SELECT count(*) FROM runs WHERE id IN (${trimmed}) AND trimmed_at IS NOT NULL`), kept);
    assert.equal(await scalar(sql, `SELECT count(*) FROM run_events WHERE run_id IN (${trimmed})`), 0, 'their events went');
    assert.equal(await scalar(sql, `SELECT count(*) FROM proofs WHERE run_id IN (${trimmed})`), kept, 'their proofs stay');
    assert.equal(await scalar(sql, `SELECT count(*) FROM artifacts WHERE run_id IN (${trimmed}) AND name = 'capture.txt'`), 0,
      'an artifact no proof points at went');
    assert.equal(await scalar(sql, `SELECT count(*) FROM artifacts a JOIN proofs p ON p.artifact_id = a.id WHERE a.run_id IN (${trimmed})`),
      await scalar(sql, `SELECT count(*) FROM runs WHERE id IN (${trimmed}) AND id % 10 = 0 AND finished_at IS NOT NULL`),
      'the artifacts their proofs point at stay');
    assert.equal(await scalar(sql, `SELECT count(*) FROM run_steps WHERE run_id IN (${trimmed}) AND outputs IS NOT NULL`), 0);
    assert.equal(await scalar(sql, `SELECT count(*) FROM run_steps WHERE run_id IN (${trimmed})`), 2 * kept, 'the steps stay');
    assert.equal(await scalar(sql, `SELECT count(*) FROM run_events e JOIN runs r ON r.id = e.run_id WHERE NOT ${olderThan(30).replace('finished_at', 'coalesce(r.finished_at, now())')}`),
      young, 'younger runs keep every event');

    const again = await purge(store, noSecrets, { runsDays: 30, proofsDays: 90 }, 0);
    assert.deepEqual([again.runsDeleted, again.runsTrimmed, again.events, again.artifacts], [0, 0, 0, 0], 'nothing is done twice');
    assert.equal(again.vacuum, null, 'and nothing vacuumed for nothing');
  });

  test("a session's own period replaces the global one, shorter or longer", async () => {
    const { sql, store } = await seeded();
    const [short, long] = (await sql.query<{ id: number }>("INSERT INTO sessions (title) VALUES ('short'), ('long') RETURNING id")).rows.map((r) => r.id);
    await sql.query('UPDATE runs SET session_id = CASE WHEN id % 10 = 1 THEN $1::bigint WHEN id % 10 = 2 THEN $2::bigint ELSE session_id END', [short, long]);
    await store.setSessionRetention(short!, 7);
    await store.setSessionRetention(long!, 1000);
    const before = await scalar(sql, 'SELECT count(*) FROM runs');
    const expected = await scalar(sql, `SELECT count(*) FROM runs WHERE (session_id = $1 AND ${olderThan(7)})
      OR (session_id IS DISTINCT FROM $1 AND session_id IS DISTINCT FROM $2 AND ${olderThan(300)})`, [short, long]);
    const report = await purge(store, noSecrets, { runsDays: 300, proofsDays: null }, 2);
    assert.equal(report.runsDeleted, expected);
    assert.equal(await scalar(sql, 'SELECT count(*) FROM runs'), before - expected);
    assert.equal(await scalar(sql, `SELECT count(*) FROM runs WHERE session_id = $1 AND ${olderThan(7)}`, [short]), 0);
    assert.ok(await scalar(sql, `SELECT count(*) FROM runs WHERE session_id = $1 AND ${olderThan(300)}`, [long]) > 0,
      'the long session keeps runs the global policy would purge');
    assert.ok(await scalar(sql, `SELECT count(*) FROM runs WHERE session_id IS NULL AND ${olderThan(7)} AND NOT ${olderThan(300)}`) > 0);
    assert.deepEqual(report.policy, { runsDays: 300, proofsDays: null, sessionOverrides: 2 });
  });

  test('queued and running runs are never purged, nor a run that a queued rerun repeats or reuses', async () => {
    const { sql, store } = await seeded();
    await sql.query(`UPDATE runs SET status = 'queued', attempt = 0, claim_count = 0, claimed_by = NULL, claimed_at = NULL,
      heartbeat_at = NULL, started_at = NULL, finished_at = NULL, error = NULL WHERE id IN (3, 4)`);
    await sql.query(`UPDATE runs SET status = 'running', finished_at = NULL, error = NULL, heartbeat_at = now() WHERE id IN (5, 6)`);
    await sql.query('UPDATE runs SET parent_run_id = 7, rerun_kind = $1 WHERE id = 3', ['resume']);
    await sql.query(`UPDATE runs SET reuse = '{"s0": 8}' WHERE id = 5`);
    const report = await purge(store, noSecrets, { runsDays: 1, proofsDays: null }, 0);
    assert.ok(report.runsDeleted > 1_500);
    const left = (await sql.query<{ id: number }>('SELECT id FROM runs WHERE id < 20 ORDER BY id')).rows.map((r) => r.id);
    assert.deepEqual(left, [3, 4, 5, 6, 7, 8]);
    assert.equal(await scalar(sql, 'SELECT count(*) FROM run_events WHERE run_id IN (3, 4, 5, 6, 7, 8)'), 60, 'with all their events');
    assert.equal(await scalar(sql, `SELECT count(*) FROM runs WHERE status IN ('queued', 'running')`), 14);
  });

  test('a dry run counts what the purge then removes, and changes nothing', async () => {
    const { sql, store } = await seeded();
    const counts = 'SELECT (SELECT count(*) FROM runs) + (SELECT count(*) FROM run_events) + (SELECT count(*) FROM proofs) + (SELECT count(*) FROM artifacts)';
    const before = await scalar(sql, counts);
    const rules = { runsDays: 60, proofsDays: 120 };
    const dry = await purge(store, noSecrets, rules, 0, { dryRun: true });
    assert.equal(await scalar(sql, counts), before);
    assert.equal(dry.vacuum, null);
    const real = await purge(store, noSecrets, rules, 0);
    const pick = (r: typeof real) => [r.runsDeleted, r.runsTrimmed, r.events, r.proofs, r.artifacts];
    assert.deepEqual(pick(dry), pick(real));
    assert.ok(real.runsDeleted > 0 && real.runsTrimmed > 0);
    assert.equal(await scalar(sql, counts), before - real.runsDeleted - real.events - real.proofs - real.artifacts);
  });

  test('no rule, no purge', async () => {
    const { sql, store } = await seeded({ runs: 200, events: 2_000 });
    const report = await purge(store, noSecrets, { runsDays: null, proofsDays: 30 }, 0);
    assert.deepEqual([report.batches, report.runsDeleted, report.events], [0, 0, 0]);
    assert.equal(await scalar(sql, 'SELECT count(*) FROM runs'), 200);
  });
});
