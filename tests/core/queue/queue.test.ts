import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ENGINES } from '../../helpers/engines.ts';
import { request } from '../../helpers/plans.ts';

// One queue implementation, two engines: every behaviour is asserted on PGlite and on PostgreSQL 15.
for (const engine of ENGINES) {
  describe(`queue on ${engine.name}`, () => {
    test('claims by priority, then age, honouring run_after and lanes', async () => {
      const { store } = await engine.open();
      const low = (await store.enqueue(request({ title: 'low' }))).run;
      const high = (await store.enqueue(request({ title: 'high', priority: 5 }))).run;
      const later = (await store.enqueue(request({ title: 'later', priority: 9, runAfter: new Date(Date.now() + 60_000) }))).run;
      const otherLane = (await store.enqueue(request({ title: 'b', lane: 'B' }))).run;
      const order = [];
      for (let c = await store.claim('A', 'w'); c; c = await store.claim('A', 'w')) order.push(c.run.id);
      assert.deepEqual(order, [high.id, low.id]);
      assert.equal((await store.getRun(later.id)).run.status, 'queued');
      assert.equal((await store.getRun(otherLane.id)).run.status, 'queued');
    });

    test('a claim marks the run running, logs it and returns the plan', async () => {
      const { store } = await engine.open();
      const { run } = await store.enqueue(request({ command: 'echo hi' }));
      const claimed = await store.claim('A', 'worker-1');
      assert.ok(claimed);
      assert.equal(claimed.run.id, run.id);
      assert.equal(claimed.run.status, 'running');
      assert.equal(claimed.run.attempt, 1);
      assert.equal(claimed.run.claimedBy, 'worker-1');
      assert.equal(claimed.plan.steps[0]?.input.command, 'echo hi');
      assert.deepEqual(claimed.fence, { runId: run.id, claim: 1 });
      assert.match(claimed.events[0]!.message, /running on worker-1 \(attempt 1 of 1\)/);
      const stored = await store.listEvents(run.id, 0, 10);
      assert.deepEqual(stored.map((e) => e.seq), [...stored.map((e) => e.seq)].sort((a, b) => a - b));
      assert.equal(stored.at(-1)?.seq, claimed.events[0]!.seq);
    });

    test('an idempotency key queues one run', async () => {
      const { store } = await engine.open();
      const first = await store.enqueue(request({ idempotencyKey: 'deploy-42' }));
      const second = await store.enqueue(request({ idempotencyKey: 'deploy-42', title: 'other' }));
      assert.equal(first.created, true);
      assert.equal(second.created, false);
      assert.equal(second.run.id, first.run.id);
      assert.equal((await store.listRuns({})).length, 1);
    });

    test("'auto' picks the least busy lane among those served, never a paused one", async () => {
      const { store } = await engine.open();
      await store.ensureLanes(['build']);
      await store.enqueue(request({ lane: 'B' }));
      const auto = (over: Partial<Parameters<typeof request>[0]>) => store.enqueue(request({ lane: 'auto', ...over }));
      assert.equal((await auto({ autoLanes: ['B', 'C'] })).run.lane, 'C', 'C is idle, B has a run');
      assert.equal((await auto({ autoLanes: ['A', 'B', 'C', 'D'] })).run.lane, 'A', 'build has no run but is not served');
      await store.setLanePaused('D', true);
      await assert.rejects(auto({ autoLanes: ['D'] }), { code: 'UNKNOWN_LANE', message: /every lane served here \(D\) is paused/ });
      assert.deepEqual((await store.countRuns(['B', 'C'])).queued, 2);
    });

    test('a paused lane is not claimed until resumed', async () => {
      const { store } = await engine.open();
      await store.enqueue(request());
      await store.setLanePaused('A', true);
      assert.equal(await store.claim('A', 'w'), null);
      await store.setLanePaused('A', false);
      assert.ok(await store.claim('A', 'w'));
    });

    test('unknown lanes and archived sessions are refused with specific errors', async () => {
      const { store } = await engine.open();
      await assert.rejects(store.enqueue(request({ lane: 'Q' })), { code: 'UNKNOWN_LANE', message: /unknown lane "Q" \(lanes: A, B, C, D/ });
      await assert.rejects(store.enqueue(request({ sessionId: 999 })), { code: 'UNKNOWN_SESSION' });
      const session = await store.createSession('incident');
      await store.setSessionArchived(session.id, true);
      await assert.rejects(store.enqueue(request({ sessionId: session.id })), /archived; restore it/);
      await store.setSessionArchived(session.id, false);
      assert.equal((await store.enqueue(request({ sessionId: session.id }))).run.sessionId, session.id);
      await assert.rejects(store.setLanePaused('nope', true), { code: 'UNKNOWN_LANE' });
      assert.equal((await store.listRuns({})).length, 1, 'refused enqueues stored nothing');
    });

    test('a failure retries after the backoff until max_attempts, then fails', async () => {
      const { store } = await engine.open();
      await store.enqueue(request({ maxAttempts: 2 }));
      const first = (await store.claim('A', 'w'))!;
      const retry = await store.finishRun(first.fence, { status: 'failed', error: 'exit code 1', retryDelayMs: 400 });
      assert.equal(retry?.run.status, 'queued');
      assert.ok(retry!.run.runAfter.getTime() - Date.now() > 100, 'run_after is in the future');
      assert.match(retry!.events[0]!.message, /attempt 1 failed: exit code 1; retry 2 of 2 in 0.4 s/);
      assert.equal(await store.claim('A', 'w'), null, 'not claimable during the backoff');
      await new Promise((resolve) => setTimeout(resolve, 500));
      const second = (await store.claim('A', 'w'))!;
      assert.equal(second.run.attempt, 2);
      const final = await store.finishRun(second.fence, { status: 'failed', error: 'exit code 1', retryDelayMs: 400 });
      assert.equal(final?.run.status, 'failed');
      assert.ok(final?.run.finishedAt);
    });

    test('cancel: a queued run at once, a running run by request seen in its heartbeat', async () => {
      const { store } = await engine.open();
      const queued = (await store.enqueue(request())).run;
      const running = (await store.enqueue(request())).run;
      const claimed = (await store.claim('A', 'w'))!;
      assert.equal(claimed.run.id, queued.id);
      const other = (await store.cancel(running.id)).run;
      assert.equal(other.status, 'cancelled');
      assert.equal((await store.cancel(queued.id)).run.status, 'running');
      assert.deepEqual(await store.heartbeat(claimed.fence), { owned: true, cancelRequested: true });
      const ended = await store.finishRun(claimed.fence, { status: 'cancelled' });
      assert.equal(ended?.run.status, 'cancelled');
      await assert.rejects(store.cancel(queued.id), { code: 'INVALID_STATE', message: /already cancelled/ });
      await assert.rejects(store.cancel(12345), { code: 'UNKNOWN_RUN' });
    });

    test('a failure with a pending cancel is not retried', async () => {
      const { store } = await engine.open();
      await store.enqueue(request({ maxAttempts: 3 }));
      const claimed = (await store.claim('A', 'w'))!;
      await store.cancel(claimed.run.id);
      const ended = await store.finishRun(claimed.fence, { status: 'failed', error: 'killed', retryDelayMs: 0 });
      assert.equal(ended?.run.status, 'failed');
    });

    test('reclaim requeues a silent worker\'s run without using an attempt; the old fence is dead', async () => {
      const { store, sql } = await engine.open();
      const { run } = await store.enqueue(request({ command: 'x' }));
      const lost = (await store.claim('A', 'dead'))!;
      await store.startStep(lost.fence, 0);
      await sql.query("UPDATE runs SET heartbeat_at = now() - interval '30 seconds' WHERE id = $1", [run.id]);
      assert.deepEqual(await store.reclaim({ olderThanMs: 60_000, reason: 'silent' }), [], 'not stale enough');
      const [change] = await store.reclaim({ olderThanMs: 10_000, reason: 'its worker stopped heartbeating' });
      assert.equal(change?.run.status, 'queued');
      assert.equal(change?.run.attempt, 0);
      assert.match(change!.events[0]!.message, /reclaimed and requeued: its worker stopped heartbeating \(worker dead, last heartbeat 30/);
      assert.equal((await store.getRun(run.id)).steps[0]?.status, 'failed', 'the interrupted step is closed');
      const again = (await store.claim('A', 'alive'))!;
      assert.equal(again.run.attempt, 1);
      assert.deepEqual(await store.heartbeat(lost.fence), { owned: false, cancelRequested: false });
      assert.equal(await store.finishRun(lost.fence, { status: 'succeeded' }), null);
      assert.deepEqual(await store.startStep(lost.fence, 0), []);
      assert.equal((await store.finishRun(again.fence, { status: 'succeeded' }))?.run.status, 'succeeded');
    });

    test('reclaim by worker id, and a run that keeps losing its worker is failed', async () => {
      const { store } = await engine.open();
      const { run } = await store.enqueue(request());
      for (let i = 1; i <= 5; i++) {
        const claimed = (await store.claim('A', `w${i}`))!;
        assert.equal(claimed.run.id, run.id);
        const [change] = await store.reclaim({ workerIds: [`w${i}`], reason: 'crashed' });
        assert.equal(change?.run.status, i < 5 ? 'queued' : 'failed');
      }
      assert.match((await store.getRun(run.id)).run.error ?? '', /crashed \(worker w5/);
    });

    test('finishAndClaim ends a run and claims the next in one statement, never the run it just ended', async () => {
      const { store } = await engine.open();
      const first = (await store.enqueue(request({ maxAttempts: 2 }))).run;
      const second = (await store.enqueue(request())).run;
      const claimed = (await store.claim('A', 'w'))!;
      assert.equal(claimed.run.id, first.id);
      // Retried at once (no delay): the snapshot still shows it running, so the next claim takes the other run.
      const { ended, next } = await store.finishAndClaim(claimed.fence, { status: 'failed', error: 'exit code 1', retryDelayMs: 0 }, 'A', 'w');
      assert.equal(ended?.run.id, first.id);
      assert.equal(ended?.run.status, 'queued');
      assert.match(ended!.events[0]!.message, /attempt 1 failed: exit code 1; retry 2 of 2/);
      assert.equal(next?.run.id, second.id);
      assert.equal(next?.run.status, 'running');
      assert.equal(next?.plan.steps[0]?.tool, 'shell');
      assert.match(next!.events[0]!.message, /running on w \(attempt 1 of 1\)/);
      // A dead fence ends nothing but still claims: the worker is free either way.
      const stale = await store.finishAndClaim(claimed.fence, { status: 'succeeded' }, 'A', 'w');
      assert.equal(stale.ended, null);
      assert.equal(stale.next?.run.id, first.id, 'the retried run, now claimable');
      const last = await store.finishAndClaim(next!.fence, { status: 'succeeded', result: { ok: 1 } }, 'A', 'w');
      assert.equal(last.ended?.run.status, 'succeeded');
      assert.deepEqual(last.ended?.run.result, { ok: 1 });
      assert.equal(last.next, null);
      assert.equal((await store.getRun(second.id)).run.status, 'succeeded');
    });

    test('ending a run closes a step left running; a worker that lost its run can append no output', async () => {
      const { store, sql } = await engine.open();
      const { run } = await store.enqueue(request());
      const first = (await store.claim('A', 'w1'))!;
      await store.startStep(first.fence, 0);
      const line = (text: string) => ({ runId: run.id, attempt: 1, stepId: 's0', kind: 'output' as const, level: 'info' as const, message: text, payload: null });
      assert.equal((await store.appendEvents([line('mine')], first.fence)).length, 1);
      await sql.query("UPDATE runs SET heartbeat_at = now() - interval '1 minute' WHERE id = $1", [run.id]);
      await store.reclaim({ olderThanMs: 1000, reason: 'silent' });
      const second = (await store.claim('A', 'w2'))!;
      assert.deepEqual(await store.appendEvents([line('stale')], first.fence), [], 'the old owner is fenced out');
      assert.equal((await store.appendEvents([line('new owner')], second.fence)).length, 1);
      await store.startStep(second.fence, 0);
      await store.finishRun(second.fence, { status: 'failed', error: 'internal error: boom', retryDelayMs: 0 });
      const step = (await store.getRun(run.id)).steps[0]!;
      assert.equal(step.status, 'failed');
      assert.equal(step.error, 'interrupted: internal error: boom');
      const messages = (await store.listEvents(run.id, 0, 100)).map((e) => e.message);
      assert.ok(messages.includes('mine') && messages.includes('new owner') && !messages.includes('stale'));
    });

    test('events append in order, come back by seq, and cannot be edited', async () => {
      const { store, sql } = await engine.open();
      const { run } = await store.enqueue(request());
      const batch = Array.from({ length: 300 }, (_, i) => ({
        runId: run.id, attempt: 1, stepId: 's0', kind: 'output' as const, level: 'info' as const,
        message: `line ${i} ünïcödé`, payload: i % 2 ? { stream: 'stderr' } : null,
      }));
      const stored = await store.appendEvents(batch);
      assert.deepEqual(stored.map((e) => e.message), batch.map((e) => e.message));
      assert.ok(stored.every((e, i) => i === 0 || e.seq > stored[i - 1]!.seq));
      const read = await store.listEvents(run.id, stored[99]!.seq, 50);
      assert.equal(read[0]?.message, 'line 100 ünïcödé');
      assert.deepEqual(read[1]?.payload, { stream: 'stderr' });
      await assert.rejects(sql.query('UPDATE run_events SET message = $1 WHERE run_id = $2', ['forged', run.id]), /append-only/);
    });

    test('constraints refuse impossible states', async () => {
      const { store, sql } = await engine.open();
      const { run } = await store.enqueue(request());
      const refuse = (text: string) => assert.rejects(sql.query(text, [run.id]), /violates check constraint/);
      await refuse("UPDATE runs SET status = 'running' WHERE id = $1"); // no owner, no heartbeat
      await refuse("UPDATE runs SET status = 'succeeded' WHERE id = $1"); // finished without finished_at
      await refuse("UPDATE runs SET status = 'paused' WHERE id = $1");
      await refuse('UPDATE runs SET attempt = 5 WHERE id = $1'); // more than max_attempts
      await assert.rejects(sql.query("INSERT INTO artifacts (run_id, name, sha256, size, media_type) VALUES ($1, 'a', 'xyz', 1, 'text/plain')", [run.id]), /check constraint/);
      assert.equal((await store.getRun(run.id)).run.status, 'queued');
    });

    test('listRuns filters by status, lane, session, text and time', async () => {
      const { store } = await engine.open();
      const session = await store.createSession('db upgrade');
      await store.enqueue(request({ title: 'backup the 50% table', sessionId: session.id }));
      await store.enqueue(request({ title: 'restart nginx', lane: 'B' }));
      const claimed = (await store.claim('B', 'w'))!;
      await store.finishRun(claimed.fence, { status: 'failed', error: 'port 80 busy', retryDelayMs: 0 });
      const titles = async (filter: Parameters<typeof store.listRuns>[0]) => (await store.listRuns(filter)).map((r) => r.title);
      assert.deepEqual(await titles({ status: ['failed'] }), ['restart nginx']);
      assert.deepEqual(await titles({ lane: ['A'] }), ['backup the 50% table']);
      assert.deepEqual(await titles({ sessionId: session.id }), ['backup the 50% table']);
      assert.deepEqual(await titles({ text: 'PORT 80' }), ['restart nginx'], 'text searches errors, case-insensitively');
      assert.deepEqual(await titles({ text: '50%' }), ['backup the 50% table'], '% is literal');
      assert.deepEqual(await titles({ text: '5_%' }), [], '_ is literal');
      assert.deepEqual(await titles({ since: new Date(Date.now() + 60_000) }), []);
      assert.deepEqual(await titles({ limit: 1 }), ['restart nginx'], 'newest first');
      assert.deepEqual(await store.countRuns(), { queued: 1, running: 0, succeeded: 0, failed: 1, cancelled: 0 });
    });
  });
}
