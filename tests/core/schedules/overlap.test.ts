import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import type { RunStatus } from '../../../shared/domain/run.ts';
import type { Core } from '../../../electron/core/index.ts';
import { fireLines, scheduleCore, scheduledRuns, testClock } from './schedule-kit.ts';

async function waitForStatus(core: Core, runId: number, status: RunStatus): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if ((await core.runs.get(runId)).run.status === status) return;
    await sleep(50);
  }
  assert.fail(`run ${runId} did not become ${status}`);
}

// A slot that comes while the schedule's previous run has not ended: skip it, queue it behind, or replace the run.
describe('schedules: overlap policies', () => {
  test('with the previous run still queued: skip records why, queue waits for it, replace cancels it', async (t) => {
    const clock = testClock('2026-06-01T09:00:30Z');
    const { core } = await scheduleCore(clock);
    t.after(() => core.close());
    const ids: Record<string, number> = {};
    for (const overlap of ['skip', 'queue', 'replace'] as const) {
      ids[overlap] = (await core.schedules.add({ name: `ov-${overlap}`, cron: '* * * * *', timezone: 'UTC', overlap, target: { kind: 'command', text: 'true' } })).id;
    }
    clock.set('2026-06-01T09:01:00Z');
    assert.equal((await core.schedules.tick()).filter((r) => r.outcome === 'fired').length, 3);
    const first = Object.fromEntries(await Promise.all(Object.entries(ids).map(async ([k, id]) => [k, (await scheduledRuns(core, id))[0]!.id] as const)));

    clock.set('2026-06-01T09:02:00Z');
    await core.schedules.tick();
    assert.deepEqual(await fireLines(core, 'ov-skip'), ['2026-06-01T09:01:00Z fired', '2026-06-01T09:02:00Z skipped']);
    assert.equal((await core.schedules.fires('ov-skip'))[0]!.detail, `overlap skip: run ${first.skip} (queued) had not ended`);
    assert.equal((await scheduledRuns(core, ids.skip!)).length, 1);

    assert.deepEqual(await fireLines(core, 'ov-queue'), ['2026-06-01T09:01:00Z fired', '2026-06-01T09:02:00Z waiting']);
    assert.equal((await scheduledRuns(core, ids.queue!)).length, 1);

    assert.deepEqual(await fireLines(core, 'ov-replace'), ['2026-06-01T09:01:00Z fired', '2026-06-01T09:02:00Z fired']);
    const replaced = await core.runs.get(first.replace!);
    assert.deepEqual([replaced.run.status, replaced.run.error], ['cancelled', 'cancelled before it started']);
    assert.equal((await scheduledRuns(core, ids.replace!)).length, 2);

    await core.runs.cancel(first.queue!);
    clock.set('2026-06-01T09:02:01Z');
    assert.deepEqual((await core.schedules.tick()).map((r) => [r.schedule, r.outcome]), [['ov-queue', 'fired']]);
    assert.deepEqual(await fireLines(core, 'ov-queue'), ['2026-06-01T09:01:00Z fired', '2026-06-01T09:02:00Z fired']);
  });

  test('with lane workers: a running run is replaced (stopped), and a queued slot runs after the one before succeeds', async (t) => {
    const clock = testClock('2026-06-01T09:00:30Z');
    const { core } = await scheduleCore(clock, { runWorkers: true, pollMs: 100, heartbeatMs: 200 });
    t.after(() => core.close({ graceMs: 0 }));
    const replace = await core.schedules.add({ name: 'long-replace', cron: '* * * * *', timezone: 'UTC', overlap: 'replace', target: { kind: 'command', text: 'sleep 30' } });
    clock.set('2026-06-01T09:01:00Z');
    await core.schedules.tick();
    const [old] = await scheduledRuns(core, replace.id);
    await waitForStatus(core, old!.id, 'running');
    clock.set('2026-06-01T09:02:00Z');
    await core.schedules.tick();
    await waitForStatus(core, old!.id, 'cancelled');
    await core.schedules.pause('long-replace');
    const [, replacement] = await scheduledRuns(core, replace.id);
    await waitForStatus(core, replacement!.id, 'running');
    await core.runs.cancel(replacement!.id);
    await waitForStatus(core, replacement!.id, 'cancelled');

    const queue = await core.schedules.add({ name: 'short-queue', cron: '* * * * *', timezone: 'UTC', overlap: 'queue', target: { kind: 'command', text: 'sleep 1' } });
    clock.set('2026-06-01T09:03:00Z');
    await core.schedules.tick();
    clock.set('2026-06-01T09:04:00Z');
    await core.schedules.tick();
    const [firstRun] = await scheduledRuns(core, queue.id);
    assert.deepEqual(await fireLines(core, 'short-queue'), ['2026-06-01T09:03:00Z fired', '2026-06-01T09:04:00Z waiting']);
    await waitForStatus(core, firstRun!.id, 'succeeded');
    clock.set('2026-06-01T09:04:30Z');
    await core.schedules.tick();
    const runs = await scheduledRuns(core, queue.id);
    assert.equal(runs.length, 2);
    await waitForStatus(core, runs[1]!.id, 'succeeded');
    const listed = (await core.schedules.list()).schedules.find((s) => s.name === 'short-queue')!;
    assert.deepEqual([listed.lastFire?.outcome, listed.lastFire?.runStatus, listed.lastFire?.runId], ['fired', 'succeeded', runs[1]!.id]);
  });
});
