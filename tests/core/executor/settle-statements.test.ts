import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ENGINES } from '../../helpers/engines.ts';
import { plan, request } from '../../helpers/plans.ts';

// The statements behind settled steps and reruns, on both engines (PGlite on disk and a real PostgreSQL 15).
for (const engine of ENGINES) {
  describe(`settled steps on ${engine.name}`, () => {
    test('settleSteps stores status, settled_by, reused_from, outputs and reason with one event each, only while the fence holds', async () => {
      const { store } = await engine.open();
      await store.enqueue(request({ plan: plan('true', 3) }));
      const claimed = (await store.claim('A', 'w'))!;
      const outputs = { exitCode: 0, stdout: 'abc', stderr: '', truncated: false, result: { id: 7 } };
      const events = await store.settleSteps(claimed.fence, [
        { idx: 0, status: 'succeeded', settledBy: 'reuse', reason: 'still holds', message: 'step s0 settled by reuse', outputs, reusedFrom: 41 },
        { idx: 1, status: 'skipped', settledBy: 'condition', reason: 'condition not met: x', message: 'step s1 skipped: condition not met: x' },
        { idx: 2, status: 'failed', settledBy: 'reuse', reason: 'no longer holds', message: 'step s2 failed: no longer holds', reusedFrom: 41 },
      ]);
      assert.deepEqual(events.map((e) => [e.stepId, e.level, e.message, e.payload?.settledBy, e.payload?.reason]), [
        ['s0', 'info', 'step s0 settled by reuse', 'reuse', 'still holds'],
        ['s1', 'warn', 'step s1 skipped: condition not met: x', 'condition', 'condition not met: x'],
        ['s2', 'error', 'step s2 failed: no longer holds', 'reuse', 'no longer holds'],
      ]);
      const { steps } = await store.getRun(claimed.run.id);
      assert.deepEqual(steps.map((s) => [s.status, s.settledBy, s.reusedFrom, s.exitCode, s.error, s.finishedAt !== null]), [
        ['succeeded', 'reuse', 41, 0, null, true], ['skipped', 'condition', null, null, 'condition not met: x', false],
        ['failed', 'reuse', 41, null, 'no longer holds', true],
      ]);
      const stored = await store.localQuery('SELECT outputs FROM run_steps WHERE run_id = $1 ORDER BY idx', [claimed.run.id]);
      assert.deepEqual(stored.rows.map(([value]) => value), [outputs, null, null]);
      const stale = { ...claimed.fence, claim: claimed.fence.claim + 1 };
      assert.deepEqual(await store.settleSteps(stale, [{ idx: 1, status: 'skipped', settledBy: 'disabled', reason: 'r', message: 'm' }]), []);
    });

    test('listReusedSteps gives each reused step its source outputs and final passing proof per verifier; a missing source is null', async () => {
      const { store } = await engine.open();
      const source = (await store.enqueue(request({ plan: plan('true', 2) }))).run;
      const claimed = (await store.claim('A', 'w'))!;
      const proof = (seq: number, passed: boolean, tryNo: number) => store.recordProof(claimed.fence, {
        stepId: 's0', try: tryNo, seq, kind: 'exit_code', config: { kind: 'exit_code' }, passed, summary: 's', evidence: {},
        evidenceSha256: '0'.repeat(64), startedAt: new Date(), finishedAt: new Date(),
      });
      await store.startStep(claimed.fence, 0);
      await proof(0, true, 1);
      await proof(1, false, 1);
      await proof(0, true, 2);
      await proof(1, true, 2);
      const outputs = { exitCode: 0, stdout: 'out', stderr: 'err', truncated: false, result: null };
      await store.finishStep(claimed.fence, 0, { status: 'succeeded', exitCode: 0, outputs }, 'done');
      await store.finishRun(claimed.fence, { status: 'succeeded' });

      const rerun = (await store.enqueue(request({ plan: plan('true', 2), parentRunId: source.id, rerunKind: 'resume',
        reuse: { s0: source.id, s1: source.id + 1000 } }))).run;
      const reused = await store.listReusedSteps(rerun.id);
      // The final try's proofs: the newest passing one of each verifier.
      const proofs = (await store.listProofs(source.id)).filter((p) => p.try === 2);
      assert.deepEqual(reused, [
        { stepId: 's0', sourceRunId: source.id, sourceStatus: 'succeeded', sourceSettledBy: 'run', outputs,
          proofs: proofs.map((p, seq) => ({ id: p.id, seq, kind: 'exit_code' })) },
        { stepId: 's1', sourceRunId: source.id + 1000, sourceStatus: null, sourceSettledBy: null, outputs: null, proofs: [] },
      ]);
      assert.deepEqual(await store.listReusedSteps(source.id), [], 'a run that reuses nothing');
    });
  });
}
