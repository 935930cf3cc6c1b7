import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Core } from '../../../electron/core/index.ts';
import { fireLines, scheduleCore, scheduledRuns, testClock } from './schedule-kit.ts';

// Slots that came while the app was closed (or the machine slept: to the scheduler both are a jump of its clock)
// are dealt with by each schedule's catch-up policy; slots while it was paused are not missed at all.
describe('schedules: catch-up after the app was closed', () => {
  const clock = testClock('2026-05-04T10:00:30Z');
  let core: Core;
  const ids: Record<string, number> = {};
  const add = async (name: string, extra: Record<string, unknown>) => {
    ids[name] = (await core.schedules.add({ name, cron: '*/5 * * * *', timezone: 'UTC', target: { kind: 'command', text: 'true' }, ...extra })).id;
  };

  before(async () => {
    ({ core } = await scheduleCore(clock));
    await add('cu-skip', { catchUp: 'skip' });
    await add('cu-once', { catchUp: 'once' });
    await add('cu-all', { catchUp: 'all', catchUpLimit: 3, overlap: 'queue' });
  });
  after(() => core?.close());

  test('nothing is due before the first slot', async () => {
    clock.set('2026-05-04T10:02:00Z');
    assert.deepEqual(await core.schedules.tick(), []);
  });

  test('six slots missed: skip lets all go, once runs the newest, all runs the newest three one after another', async () => {
    clock.set('2026-05-04T10:31:10Z'); // 10:05 … 10:30 are due; 10:30 is 70 s old: missed, not late
    await core.schedules.tick();
    assert.deepEqual(await fireLines(core, 'cu-skip'), ['2026-05-04T10:30:00Z missed']);
    assert.equal((await core.schedules.fires('cu-skip'))[0]!.detail, '6 missed slots not run (catch-up skip)');
    assert.deepEqual(await scheduledRuns(core, ids['cu-skip']!), []);

    assert.deepEqual(await fireLines(core, 'cu-once'), ['2026-05-04T10:25:00Z missed', '2026-05-04T10:30:00Z fired']);
    assert.equal((await core.schedules.fires('cu-once'))[1]!.detail, '5 missed slots not run (catch-up once: the newest slot ran for them)');
    assert.deepEqual((await scheduledRuns(core, ids['cu-once']!)).map((r) => r.idempotencyKey), [`schedule:${ids['cu-once']}:2026-05-04T10:30:00.000Z`]);

    // Overlap queue: the newest three each run, the next when the one before has ended.
    assert.deepEqual(await fireLines(core, 'cu-all'),
      ['2026-05-04T10:15:00Z missed', '2026-05-04T10:20:00Z fired', '2026-05-04T10:25:00Z waiting', '2026-05-04T10:30:00Z waiting']);
    for (const [step, slot] of [[1, '10:25'], [2, '10:30']] as const) {
      const runs = await scheduledRuns(core, ids['cu-all']!);
      assert.equal(runs.length, step);
      clock.set(`2026-05-04T10:31:${10 + step}Z`);
      assert.deepEqual(await core.schedules.tick(), [], 'the queued slot waits while the run before it is queued');
      await core.runs.cancel(runs.at(-1)!.id); // no lane workers here: cancelling is how that run ends
      const started = await core.schedules.tick();
      assert.deepEqual(started.map((r) => [r.schedule, r.slot.toISOString(), r.outcome]), [['cu-all', `2026-05-04T${slot}:00.000Z`, 'fired']],
        `${slot} starts once the run before it has ended`);
    }
    assert.deepEqual((await scheduledRuns(core, ids['cu-all']!)).map((r) => r.idempotencyKey!.split(':').slice(2).join(':')),
      ['2026-05-04T10:20:00.000Z', '2026-05-04T10:25:00.000Z', '2026-05-04T10:30:00.000Z']);
    const listed = (await core.schedules.list()).schedules.find((s) => s.name === 'cu-all')!;
    assert.equal(listed.lastFire?.outcome, 'fired');
    assert.equal(listed.lastFire?.runStatus, 'queued');
  });

  test('a slot seen on time fires under catch-up skip', async () => {
    await core.schedules.pause('cu-once');
    await core.schedules.pause('cu-all');
    clock.set('2026-05-04T10:35:02Z');
    assert.deepEqual((await core.schedules.tick()).map((r) => [r.schedule, r.slot.toISOString(), r.outcome]), [['cu-skip', '2026-05-04T10:35:00.000Z', 'fired']]);
    assert.equal((await scheduledRuns(core, ids['cu-skip']!)).length, 1);
  });

  test('slots while paused, or while all are paused, are not caught up after resuming', async () => {
    for (const run of await scheduledRuns(core, ids['cu-skip']!)) await core.runs.cancel(run.id);
    await core.schedules.pause('cu-skip');
    await core.schedules.update('cu-once', { overlap: 'replace' });
    clock.set('2026-05-04T11:02:00Z');
    await core.schedules.resume('cu-skip');
    await core.schedules.resume('cu-once');
    assert.deepEqual(await core.schedules.tick(), [], 'a resumed schedule starts from now');

    assert.deepEqual(await core.schedules.pauseAll(), { pausedAll: true });
    assert.equal((await core.schedules.list()).pausedAll, true);
    clock.set('2026-05-04T11:10:01Z');
    assert.deepEqual(await core.schedules.tick(), [], 'nothing fires while all are paused');
    await core.schedules.resumeAll();
    assert.deepEqual(await core.schedules.tick(), [], '11:05 and 11:10 came while all were paused');
    clock.set('2026-05-04T11:15:00Z');
    assert.deepEqual((await core.schedules.tick()).map((r) => [r.schedule, r.outcome]).sort(), [['cu-once', 'fired'], ['cu-skip', 'fired']]);
    assert.deepEqual((await fireLines(core, 'cu-once')).slice(-1), ['2026-05-04T11:15:00Z fired']);
    assert.match((await core.schedules.fires('cu-once'))[0]!.detail!, /^overlap replace: cancelled run \d+$/, 'its 10:30 run was still queued: replaced');
  });
});
