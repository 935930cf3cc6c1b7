import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { planHash } from '../../electron/core/plans/plan-hash.ts';
import { ENGINES } from '../helpers/engines.ts';
import { plan, request } from '../helpers/plans.ts';

// The SQL the tray reads (pins, the activity counts, storing a plan without a run), on PGlite and PostgreSQL 15.
for (const engine of ENGINES) {
  describe(`tray queries on ${engine.name}`, () => {
    test('a pin holds the plan name: every version, not typed commands, unknown plans refused', async () => {
      const { store } = await engine.open();
      const v1 = (await store.enqueue(request({ plan: plan('echo v1') }))).run;
      const v2 = (await store.enqueue(request({ plan: { ...plan('echo v1'), description: 'second' } }))).run;
      assert.equal(await store.setPlanPinned(v1.planId, true), 'echo v1');
      assert.equal(await store.setPlanPinned(v2.planId, true), 'echo v1', 'pinned already: unchanged');
      assert.deepEqual(await store.listPinnedPlanNames(), ['echo v1']);
      await store.setPlanPinned(v2.planId, false);
      assert.deepEqual(await store.listPinnedPlanNames(), [], 'unpinned through the other version');
      await store.setPlanPinned(v2.planId, false);

      const typed = (await store.enqueue(request({ plan: plan('uptime'), kind: 'command' }))).run;
      await assert.rejects(store.setPlanPinned(typed.planId, true), { code: 'UNKNOWN_PLAN' });
      await assert.rejects(store.setPlanPinned(424242, true), { code: 'UNKNOWN_PLAN', message: /no plan 424242/ });
      assert.deepEqual(await store.listPinnedPlanNames(), []);
    });

    test('savePlan stores a plan to pick once per content, without a run', async () => {
      const { store } = await engine.open();
      const p = { ...plan('echo saved'), description: 'from a file' };
      const outline = await store.savePlan(p, planHash(p));
      assert.deepEqual([outline.name, outline.description, outline.steps.length], ['echo saved', 'from a file', 1]);
      assert.equal((await store.savePlan(p, planHash(p))).id, outline.id);
      assert.deepEqual((await store.listPlans()).map((x) => x.id), [outline.id]);
      assert.deepEqual(await store.listRuns({}), []);
      const run = (await store.enqueue(request({ plan: p }))).run;
      assert.equal(run.planId, outline.id, 'running it later uses the stored plan');
    });

    test('activity: running and queued runs, and failures created since the window start', async () => {
      const { store, sql } = await engine.open();
      const queued = (await store.enqueue(request())).run;
      const [failing, old, runningOne] = [(await store.enqueue(request({ lane: 'B' }))).run,
        (await store.enqueue(request({ lane: 'C' }))).run, (await store.enqueue(request({ lane: 'D' }))).run];
      for (const [lane, run] of [['B', failing], ['C', old]] as const) {
        const claimed = (await store.claim(lane, 'w'))!;
        assert.equal(claimed.run.id, run.id);
        await store.finishRun(claimed.fence, { status: 'failed', error: 'boom', retryDelayMs: 0 });
      }
      assert.equal((await store.claim('D', 'w'))!.run.id, runningOne.id);
      await sql.query("UPDATE runs SET created_at = now() - interval '2 days' WHERE id = $1", [old.id]);

      const since = new Date(Date.now() - 86_400_000);
      assert.deepEqual(await store.countActivity(since), { running: 1, queued: 1, failedRecent: 1 });
      assert.deepEqual(await store.countActivity(new Date(Date.now() - 3 * 86_400_000)), { running: 1, queued: 1, failedRecent: 2 });
      await store.cancel(queued.id);
      assert.deepEqual(await store.countActivity(new Date(Date.now() + 60_000)), { running: 1, queued: 0, failedRecent: 0 });
    });
  });
}
