import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createCore, shellPlan, type Core } from '../../electron/core/index.ts';
import { createQuitFlow } from '../../electron/main/lifecycle/quit-flow.ts';
import { quitQuestion, type QuitChoice, type QuitQuestion } from '../../electron/main/lifecycle/quit-question.ts';
import { CRASHING_DB_WORKER, crashDatabase } from '../helpers/db-crash.ts';
import { tempDir } from '../helpers/tmp.ts';

/** Resolves once the run's status is `status`. */
async function reach(core: Core, runId: number, status: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await core.runs.get(runId)).run.status === status) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`run ${runId} never became ${status}`);
}

const answering = (...choices: QuitChoice[]) => {
  const asked: QuitQuestion[] = [];
  return { asked, ask: async (question: QuitQuestion) => (asked.push(question), choices.shift() ?? 'cancel') };
};

describe('quitting the desktop app (real core, embedded database)', () => {
  test('with nothing running it closes without asking', async () => {
    const dataDir = join(tempDir().path, 'data');
    const core = await createCore({ dataDir, lanes: ['A'] });
    const person = answering();
    const flow = createQuitFlow({ core, ask: person.ask, graceMs: 5000 });
    assert.equal(await flow.request(), 'quit');
    assert.equal(flow.closed, true);
    assert.equal(person.asked.length, 0);
  });

  test('with a run in progress it asks; cancel keeps everything running, stop-now requeues the run', async () => {
    const dataDir = join(tempDir().path, 'data');
    const core = await createCore({ dataDir, lanes: ['A'] });
    const { run } = await core.runs.enqueue({ plan: shellPlan('sleep 30') });
    await core.runs.enqueue({ plan: shellPlan('echo later') });
    await reach(core, run.id, 'running');
    const person = answering('cancel', 'stop-now');
    let closingCalls = 0;
    const flow = createQuitFlow({ core, ask: person.ask, graceMs: 20_000, onClosing: () => closingCalls++ });

    assert.equal(await flow.request(), 'cancelled');
    assert.equal(flow.closed, false);
    assert.equal(closingCalls, 0);
    assert.equal((await core.runs.get(run.id)).run.status, 'running', 'cancelling the quit touches nothing');
    assert.match(person.asked[0]!.message, /^1 run in progress/);
    assert.match(person.asked[0]!.detail, /1 queued run will start at the next launch/);

    const started = Date.now();
    assert.equal(await flow.request(), 'quit');
    assert.ok(Date.now() - started < 15_000, 'stop-now does not wait out the 20 s grace');
    assert.equal(flow.closed, true);
    assert.equal(closingCalls, 1);

    // The database closed cleanly and the run was requeued by the drain itself, not by the next start's recovery.
    const reopened = await createCore({ dataDir, lanes: ['A'], runWorkers: false });
    try {
      const events = await reopened.runs.events(run.id);
      const log = events.map((e) => e.message).join('\n');
      assert.match(log, /requeued: its worker shut down before it finished/);
      assert.doesNotMatch(log, /recovered: the process running it stopped/, 'nothing was left running for recovery');
      assert.equal((await reopened.runs.get(run.id)).run.status, 'queued');
    } finally {
      await reopened.close();
    }
  });

  test('waiting lets a running step finish, and a second quit while closing stops it at once', async () => {
    const dataDir = join(tempDir().path, 'data');
    const core = await createCore({ dataDir, lanes: ['A'] });
    const quick = (await core.runs.enqueue({ plan: shellPlan('sleep 1; echo done') })).run;
    await reach(core, quick.id, 'running');
    const flow = createQuitFlow({ core, ask: answering('wait').ask, graceMs: 20_000 });
    assert.equal(await flow.request(), 'quit');
    const reopened = await createCore({ dataDir, lanes: ['A'], runWorkers: false });
    try {
      assert.equal((await reopened.runs.get(quick.id)).run.status, 'succeeded', 'the grace let it finish');
      const slow = (await reopened.runs.enqueue({ plan: shellPlan('sleep 60') })).run;
      await reopened.close();
      const again = await createCore({ dataDir, lanes: ['A'] });
      await reach(again, slow.id, 'running');
      const second = createQuitFlow({ core: again, ask: answering('wait').ask, graceMs: 60_000 });
      const started = Date.now();
      const first = second.request();
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(await second.request(), 'quit', 'the second quit joins the first');
      assert.equal(await first, 'quit');
      assert.ok(Date.now() - started < 20_000, 'the second quit cut the 60 s grace short');
    } finally {
      await reopened.close();
    }
  });
});

test('a database that gave up does not keep the app from quitting', async () => {
  const dataDir = join(tempDir().path, 'data');
  const core = await createCore({ dataDir, lanes: ['A'], workerUrls: { db: CRASHING_DB_WORKER } });
  const healthIs = (status: string, count: number) => new Promise<void>((resolve) => {
    const stop = core.onHealth((_incident, health) => {
      if (health.status === status && health.incidents.length >= count) stop(), resolve();
    });
  });
  for (let crash = 1; crash <= 4; crash++) {
    const settled = healthIs(crash < 4 ? 'ok' : 'fatal', crash);
    crashDatabase(dataDir);
    await settled;
  }
  await assert.rejects(core.runs.counts(['A']), /database/i, 'the database answers nothing now');
  const person = answering();
  const flow = createQuitFlow({ core, ask: person.ask, graceMs: 5000 });
  assert.equal(await flow.request(), 'quit');
  assert.equal(person.asked.length, 0);
});

describe('the quit question', () => {
  test('names the counts and the grace, waits by default, cancels on Escape', () => {
    const q = quitQuestion({ running: 2, queued: 0, graceMs: 10_000 });
    assert.equal(q.message, '2 runs in progress. Quit Ops Control Room?');
    assert.doesNotMatch(q.detail, /queued run/);
    assert.deepEqual(q.buttons.map((b) => b.choice), ['wait', 'stop-now', 'cancel']);
    assert.equal(q.buttons[q.defaultId]!.choice, 'wait');
    assert.equal(q.buttons[q.cancelId]!.choice, 'cancel');
    assert.match(q.buttons[0]!.label, /10 s/);
  });
});
