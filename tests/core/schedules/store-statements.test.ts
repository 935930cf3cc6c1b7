import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { NewScheduleRow } from '../../../electron/core/queue/statements/schedules.ts';
import { ENGINES } from '../../helpers/engines.ts';

const row = (name: string, lastSlot = new Date('2026-01-01T00:00:00Z')): NewScheduleRow => ({
  name, cron: '* * * * *', timezone: 'UTC', target: { kind: 'command', text: '$ true' }, params: {}, lane: 'auto', sessionId: null,
  overlap: 'skip', catchUp: 'once', catchUpLimit: 10, notify: null, lastSlot,
});
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));

// The schedule statements on both engines the core runs on: the same SQL on PGlite and PostgreSQL 15.
for (const engine of ENGINES) {
  describe(`schedule statements on ${engine.name}`, () => {
    test('a slot is claimed once; a waiting slot is started once; a finished slot stays finished', async () => {
      const { store } = await engine.open();
      const { id } = await store.addSchedule(row('s'));
      assert.equal(await store.claimScheduleFire({ scheduleId: id, slot: at(1), outcome: 'firing' }), true);
      assert.equal(await store.claimScheduleFire({ scheduleId: id, slot: at(1), outcome: 'skipped', detail: 'late' }), false);
      await store.finishScheduleFire({ scheduleId: id, slot: at(1), outcome: 'failed', detail: 'first' });
      await store.finishScheduleFire({ scheduleId: id, slot: at(1), outcome: 'failed', detail: 'second' });
      assert.equal((await store.listScheduleFires(id, 10))[0]!.detail, 'first', 'only a firing slot is finished');
      assert.equal(await store.claimScheduleFire({ scheduleId: id, slot: at(2), outcome: 'waiting' }), true);
      assert.deepEqual((await store.scheduleBusy(id)).map((f) => f.outcome), ['waiting']);
      assert.deepEqual(await Promise.all([store.startWaitingFire(id, at(2)), store.startWaitingFire(id, at(2))]).then((r) => r.sort()), [false, true]);
      assert.deepEqual((await store.staleScheduleFires(0)).map((f) => [f.schedule.name, f.slot.toISOString()]), [['s', at(2).toISOString()]]);
      assert.deepEqual(await store.staleScheduleFires(60_000), [], 'a fire claimed just now is not stale');
    });

    test('the cursor never moves back; resuming (one or all) moves it to now; pause all hides every schedule from the tick', async () => {
      const { store } = await engine.open();
      const { id } = await store.addSchedule(row('c', at(10)));
      await store.advanceScheduleCursor(id, at(5));
      assert.equal((await store.getSchedule('c')).lastSlot.toISOString(), at(10).toISOString());
      await store.setSchedulePaused('c', true, at(20));
      assert.equal((await store.getSchedule('c')).lastSlot.toISOString(), at(10).toISOString(), 'pausing does not move it');
      await store.setSchedulePaused('c', false, at(30));
      assert.equal((await store.getSchedule('c')).lastSlot.toISOString(), at(30).toISOString());
      assert.equal((await store.scheduleTickState()).length, 1);
      await store.setSchedulesPausedAll(true, at(40));
      assert.deepEqual(await store.scheduleTickState(), []);
      assert.equal((await store.getSchedule('c')).lastSlot.toISOString(), at(30).toISOString());
      await store.setSchedulesPausedAll(false, at(50));
      assert.equal((await store.getSchedule('c')).lastSlot.toISOString(), at(50).toISOString());
      await store.setSchedulesPausedAll(false, at(55));
      assert.equal((await store.getSchedule('c')).lastSlot.toISOString(), at(50).toISOString(), 'resuming when nothing was paused moves nothing');
      assert.equal((await store.listSchedules()).pausedAll, false);
    });

    test('pruning keeps the newest fires of each schedule, and never an unfinished one', async () => {
      const { store } = await engine.open();
      const a = await store.addSchedule(row('a'));
      const b = await store.addSchedule(row('b'));
      for (let m = 1; m <= 6; m++) await store.claimScheduleFire({ scheduleId: a.id, slot: at(m), outcome: m === 1 ? 'waiting' : 'fired' });
      await store.claimScheduleFire({ scheduleId: b.id, slot: at(1), outcome: 'fired' });
      assert.equal(await store.pruneScheduleFires(3), 2);
      assert.deepEqual((await store.listScheduleFires(a.id, 10)).map((f) => f.slot.getUTCMinutes()), [6, 5, 4, 1]);
      assert.equal((await store.listScheduleFires(b.id, 10)).length, 1);
      await store.removeSchedule('a');
      await assert.rejects(store.getSchedule('a'), { code: 'UNKNOWN_SCHEDULE' });
      assert.deepEqual(await store.listScheduleFires(a.id, 10), [], 'its fires went with it');
    });
  });
}
