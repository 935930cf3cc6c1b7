import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sha256Hex } from '../../../electron/core/proofs/evidence.ts';
import { sqlStore } from '../../../electron/core/queue/sql-store.ts';
import { STORE_METHODS } from '../../../electron/core/queue/store.ts';
import type { Sql } from '../../../electron/core/db/sql.ts';
import { ENGINES } from '../../helpers/engines.ts';
import { plan, request } from '../../helpers/plans.ts';

const ZERO = { queued: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0 };

test('STORE_METHODS lists every Store method (the db-worker serves only those)', () => {
  assert.deepEqual([...STORE_METHODS].sort(), Object.keys(sqlStore({} as Sql)).sort());
});

// The queries behind the UI's lists, asserted on both engines: the same SQL runs on PGlite and PostgreSQL 15.
for (const engine of ENGINES) {
  describe(`UI queries on ${engine.name}`, () => {
    test('sessions are renamed; runs are counted per session and per lane, zeros included', async () => {
      const { store } = await engine.open();
      const [busy, idle] = [await store.createSession('busy'), await store.createSession('idle')];
      assert.equal((await store.renameSession(idle.id, '  quiet  ')).title, 'quiet');
      await assert.rejects(store.renameSession(idle.id, ' '), { code: 'INVALID_INPUT' });
      await assert.rejects(store.renameSession(999, 'x'), { code: 'UNKNOWN_SESSION' });
      await store.enqueue(request({ sessionId: busy.id }));
      await store.enqueue(request({ sessionId: busy.id, lane: 'B' }));
      const cancelled = (await store.enqueue(request({ sessionId: busy.id }))).run;
      await store.cancel(cancelled.id);
      await store.enqueue(request());
      const bySession = await store.countRunsBySession([busy.id, idle.id, 12345]);
      assert.deepEqual(bySession.get(busy.id), { ...ZERO, queued: 2, cancelled: 1 });
      assert.deepEqual(bySession.get(idle.id), ZERO);
      assert.deepEqual(bySession.get(12345), ZERO, 'every asked key is present');
      const byLane = await store.countRunsByLane(['A', 'B', 'C']);
      assert.deepEqual([...byLane], [['A', { ...ZERO, queued: 2, cancelled: 1 }], ['B', { ...ZERO, queued: 1 }], ['C', ZERO]]);
      assert.deepEqual(await store.countRunsBySession([]), new Map());
    });

    test('step progress counts a page of runs in one query; skipped steps count as done', async () => {
      const { store } = await engine.open();
      const { run } = await store.enqueue(request({ plan: plan('true', 4) }));
      const other = (await store.enqueue(request({ lane: 'B' }))).run;
      const { fence } = (await store.claim('A', 'w'))!;
      await store.startStep(fence, 0);
      await store.finishStep(fence, 0, { status: 'succeeded', exitCode: 0 }, 'ok');
      await store.startStep(fence, 1);
      await store.finishStep(fence, 1, { status: 'failed', exitCode: 1 }, 'no');
      await store.skipSteps(fence, [2], 'needs s1');
      await store.startStep(fence, 3);
      const progress = await store.stepProgress([run.id, other.id, 999]);
      assert.deepEqual(progress.get(run.id), { total: 4, done: 2, failed: 1, running: 1 });
      assert.deepEqual(progress.get(other.id), { total: 1, done: 0, failed: 0, running: 0 });
      assert.deepEqual(progress.get(999), { total: 0, done: 0, failed: 0, running: 0 });
    });

    test('listRuns filters by text in the title or the error, and by a date range', async () => {
      const { store } = await engine.open();
      const deploy = (await store.enqueue(request({ title: 'Deploy 100%_done' }))).run;
      const broken = (await store.enqueue(request({ title: 'nightly' }))).run;
      await store.cancel(broken.id); // its error says why: "cancelled before it started"
      const texts = async (text: string) => (await store.listRuns({ text })).map((r) => r.id);
      assert.deepEqual(await texts('deploy'), [deploy.id]);
      assert.deepEqual(await texts('100%_'), [deploy.id], '% and _ are literal');
      assert.deepEqual(await texts('0%x'), []);
      const { error } = (await store.getRun(broken.id)).run;
      assert.ok(error);
      assert.deepEqual(await texts(error.slice(0, 8).toUpperCase()), [broken.id], 'the error matches, case-insensitively');
      const created = deploy.createdAt;
      assert.deepEqual((await store.listRuns({ until: created })).length, 0, 'until is exclusive');
      assert.deepEqual((await store.listRuns({ since: created, until: new Date(Date.now() + 60_000) })).map((r) => r.id), [broken.id, deploy.id]);
    });

    test('listPlans: the newest version of each name, newest first, typed commands left out; outlines', async () => {
      const { store } = await engine.open();
      const v1 = plan('echo v1');
      const v2 = { ...plan('echo v2', 2), name: 'echo v1', description: 'second version',
        params: { who: { type: 'string' as const, default: 'you' } } };
      v2.steps[1] = { ...v2.steps[1]!, name: 'the second', needs: ['s0'] };
      const first = (await store.enqueue(request({ plan: v1 }))).run;
      await store.enqueue(request({ plan: plan('echo typed'), kind: 'command' }));
      const second = (await store.enqueue(request({ plan: v2 }))).run;
      await store.enqueue(request({ plan: plan('other') }));
      await store.enqueue(request({ plan: plan('other'), kind: 'command' })); // stored already as a plan: stays one
      await store.enqueue(request({ plan: plan('echo typed') })); // stored already as a command: stays one
      const plans = await store.listPlans();
      assert.deepEqual(plans.map((p) => p.name), ['other', 'echo v1']);
      assert.equal(plans[1]!.id, second.planId);
      assert.deepEqual({ ...plans[1], createdAt: null }, {
        id: second.planId, name: 'echo v1', description: 'second version', contentHash: request({ plan: v2 }).planHash,
        params: { who: { type: 'string', default: 'you' } }, createdAt: null,
        steps: [{ id: 's0', name: null, tool: 'shell', needs: [] }, { id: 's1', name: 'the second', tool: 'shell', needs: ['s0'] }],
      });
      assert.ok(plans[1]!.createdAt instanceof Date);
      assert.equal((await store.getPlanOutline(first.planId)).description, null);
      await assert.rejects(store.getPlanOutline(999), { code: 'UNKNOWN_PLAN' });
      await assert.rejects(store.getPlan(999), { code: 'UNKNOWN_PLAN' });
    });

    test('recent commands: most recent first, with their uses; a long pasted command is kept whole', async () => {
      const { store } = await engine.open();
      const long = randomBytes(30_000).toString('base64'); // 40,000 characters no btree entry could hold
      for (const command of ['echo a', 'echo b', long, 'echo a']) {
        await store.recordCommand(command);
        await sleep(5); // PGlite's clock may give two quick statements the same now()
      }
      const recent = await store.listRecentCommands(10);
      assert.deepEqual(recent.map((c) => [c.command === long ? 'long' : c.command, c.uses]), [['echo a', 2], ['long', 1], ['echo b', 1]]);
      assert.equal(recent[1]!.command, long);
      assert.ok(recent[0]!.lastRunAt instanceof Date);
      assert.deepEqual((await store.listRecentCommands(1)).map((c) => c.command), ['echo a']);
    });

    test('an MCP server is switched off and on; an artifact is read by run and hash', async () => {
      const { store } = await engine.open();
      const server = await store.putMcpServer({ name: 'srv', command: 'srv', args: [], env: {}, cwd: null, enabled: true,
        sandbox: { tools: ['t'] } }, 'user');
      const off = await store.setMcpServerEnabled('srv', false);
      assert.deepEqual(off, { ...server, enabled: false });
      assert.equal((await store.setMcpServerEnabled('srv', true)).enabled, true);
      await assert.rejects(store.setMcpServerEnabled('nope', true), { code: 'UNKNOWN_SERVER' });

      const { run } = await store.enqueue(request());
      const { fence } = (await store.claim('A', 'w'))!;
      const content = new TextEncoder().encode('<html>'.padEnd(6000, '.'));
      const sha256 = sha256Hex(content);
      const now = new Date();
      await store.recordProof(fence, { stepId: 's0', try: 1, seq: 0, kind: 'http', config: {}, passed: true, summary: 'ok',
        evidence: {}, evidenceSha256: sha256Hex('{}'), large: { name: 'body', mediaType: 'text/html', sha256, content },
        startedAt: now, finishedAt: now });
      const artifact = await store.getArtifact(run.id, sha256);
      assert.deepEqual({ ...artifact, content: null }, { stepId: 's0', name: 'body', sha256, size: 6000, mediaType: 'text/html', content: null });
      assert.deepEqual(Buffer.from(artifact.content), Buffer.from(content));
      await assert.rejects(store.getArtifact(run.id, 'a'.repeat(64)), { code: 'UNKNOWN_ARTIFACT' });
      const other = (await store.enqueue(request({ lane: 'B' }))).run;
      await assert.rejects(store.getArtifact(other.id, sha256), { code: 'UNKNOWN_ARTIFACT' }, 'another run\'s artifact is not reachable');
    });
  });
}
