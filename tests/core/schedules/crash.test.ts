import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { shellPlan } from '../../../electron/core/index.ts';
import { openPglite } from '../../../electron/core/db/pglite-sql.ts';
import { fireLines, scheduleCore, scheduledRuns, testClock } from './schedule-kit.ts';

const SLOT = '2026-07-01T09:00:00.000Z';

// A scheduler that dies in the middle of a fire leaves one of three states behind. Whichever it is, the next
// scheduler on the database runs the slot exactly once: the slot's row is the unique slot key, and the run's
// idempotency key `schedule:<id>:<slot>` hands back a run that was queued before the crash.
test('a crash between queueing the run and recording the fire never runs the slot twice', async (t) => {
  const clock = testClock('2026-07-01T08:59:30Z');
  const first = await scheduleCore(clock);
  const ids: Record<string, number> = {};
  for (const name of ['queued-unrecorded', 'queued-firing', 'claimed-only']) {
    ids[name] = (await first.core.schedules.add({ name, cron: '0 * * * *', timezone: 'UTC', target: { kind: 'command', text: 'true' } })).id;
  }
  // What the dead scheduler got done: the run queued (with the slot's key) for two of them…
  const before: Record<string, number> = {};
  for (const name of ['queued-unrecorded', 'queued-firing']) {
    const { run } = await first.core.runs.enqueue({ plan: shellPlan('true'), kind: 'command', idempotencyKey: `schedule:${ids[name]}:${SLOT}` });
    before[name] = run.id;
  }
  await first.core.close();
  // …and the slot's row claimed ('firing') for two of them, but never finished.
  const sql = await openPglite(join(first.dataDir, 'pgdata'));
  for (const name of ['queued-firing', 'claimed-only']) {
    await sql.query(`INSERT INTO schedule_fires (schedule_id, slot, outcome) VALUES ($1, $2, 'firing')`, [ids[name], SLOT]);
  }
  await sql.close();

  clock.set('2026-07-01T09:00:05Z');
  const { core } = await scheduleCore(clock, { dataDir: first.dataDir });
  t.after(() => core.close());
  const reports = await core.schedules.tick();
  assert.deepEqual(reports.map((r) => [r.schedule, r.outcome]).sort(),
    [['claimed-only', 'fired'], ['queued-firing', 'fired'], ['queued-unrecorded', 'fired']]);
  for (const name of Object.keys(ids)) {
    const runs = await scheduledRuns(core, ids[name]!);
    assert.equal(runs.length, 1, `${name}: one run for the slot`);
    assert.equal(runs[0]!.idempotencyKey, `schedule:${ids[name]}:${SLOT}`);
    if (before[name]) assert.equal(runs[0]!.id, before[name], `${name}: the run queued before the crash`);
    assert.deepEqual(await fireLines(core, name), ['2026-07-01T09:00:00Z fired']);
    assert.equal((await core.schedules.fires(name))[0]!.runId, runs[0]!.id, `${name}: the fire names its run`);
  }
  // Once more, a little later: nothing new.
  clock.set('2026-07-01T09:00:30Z');
  assert.deepEqual(await core.schedules.tick(), []);
  assert.equal((await core.runs.list({ limit: 100 })).length, 3);
});
