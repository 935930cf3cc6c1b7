import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { RunEvent } from '../../shared/domain/run.ts';
import { createCore, type Core } from '../../electron/core/index.ts';
import { performTrayAction, QUICK_RUNS_SESSION, readTrayState } from '../../electron/main/tray/quick-run.ts';
import { actionFailed, createRunNotifier, type RunNotification } from '../../electron/main/tray/run-notifications.ts';
import { buildTrayMenu } from '../../electron/main/tray/tray-menu.ts';
import { tempDir } from '../helpers/tmp.ts';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../fixtures/plans/${name}`, import.meta.url), 'utf8'));

/** The core's published events, and a wait for one. */
function recordEvents(core: Core) {
  const events: RunEvent[] = [];
  const waiters = new Set<() => void>();
  const stop = core.subscribe((batch) => {
    events.push(...batch);
    waiters.forEach((wake) => wake());
  });
  const until = (check: (events: RunEvent[]) => boolean, what: string) => new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${what} within 20 s`)), 20_000);
    const wake = () => {
      if (!check(events)) return;
      clearTimeout(timer);
      waiters.delete(wake);
      resolve();
    };
    waiters.add(wake);
    wake();
  });
  const reached = (runId: number, status: string) =>
    until((all) => all.some((e) => e.runId === runId && e.kind === 'status' && e.payload?.status === status), `${status} for run ${runId}`);
  return { events, stop, until, reached };
}

describe('the tray against a real core (embedded database)', () => {
  let core: Core;
  let recorder: ReturnType<typeof recordEvents>;
  const dataDir = join(tempDir().path, 'data');
  before(async () => {
    core = await createCore({ dataDir, lanes: ['A', 'B'] });
    recorder = recordEvents(core);
  });
  after(async () => {
    recorder.stop();
    await core.close({ graceMs: 0 });
  });

  test('a quick run goes to the "Quick runs" session (made once), succeeds, and its end is notified', async () => {
    const notifier = createRunNotifier();
    const notifications: RunNotification[] = [];
    const stop = core.subscribe((events) => notifications.push(...notifier.onEvents(events)));
    try {
      const run = (await performTrayAction(core, { kind: 'run-command', command: 'echo tray' }))!;
      notifications.push(...notifier.track(run));
      const session = (await core.sessions.list()).find((s) => s.id === run.sessionId);
      assert.equal(session?.title, QUICK_RUNS_SESSION);
      await recorder.reached(run.id, 'succeeded');
      assert.ok(recorder.events.some((e) => e.runId === run.id && e.kind === 'output' && e.message === 'tray'));
      assert.deepEqual(notifications, [{ title: `Run #${run.id} succeeded`, body: 'echo tray', target: { kind: 'run', runId: run.id } }]);

      const again = (await performTrayAction(core, { kind: 'run-command', command: 'echo again' }))!;
      assert.equal(again.sessionId, run.sessionId, 'the same session');
      await core.sessions.archive(run.sessionId!);
      const fresh = (await performTrayAction(core, { kind: 'run-command', command: 'echo fresh' }))!;
      assert.notEqual(fresh.sessionId, run.sessionId, 'an archived session is left alone: a new one is made');
      assert.deepEqual((await core.sessions.list()).filter((s) => s.title === QUICK_RUNS_SESSION).map((s) => s.id), [fresh.sessionId]);
      await Promise.all([recorder.reached(again.id, 'succeeded'), recorder.reached(fresh.id, 'succeeded')]);
    } finally {
      stop();
    }
  });

  test('the tray state counts running runs and recent failures and lists the recent command', async () => {
    const before = await readTrayState(core);
    const sleeper = (await performTrayAction(core, { kind: 'run-command', command: 'echo started; sleep 30' }))!;
    await recorder.until((all) => all.some((e) => e.runId === sleeper.id && e.message === 'started'), 'output of the sleeper');
    const failing = await core.plans.import(fixture('unproven.json'), 'unproven.json');
    const failed = (await performTrayAction(core, { kind: 'run-plan', planId: failing.id }))!;
    await recorder.reached(failed.id, 'failed');

    const state = await readTrayState(core);
    assert.equal(state.counts.running, 1);
    assert.deepEqual([before.counts.failedRecent, state.counts.failedRecent], [0, 1]);
    assert.equal(state.recentCommands[0], 'echo started; sleep 30');
    const menu = buildTrayMenu(state);
    assert.equal(menu[0]!.label, '1 running · 1 failed in 24 h');
    assert.ok(menu.some((item) => item.label === 'Show 1 failed run'));
    const tomorrow = await readTrayState(core, new Date(Date.now() + 25 * 3_600_000));
    assert.equal(tomorrow.counts.failedRecent, 0, 'a failure counts for 24 hours');

    await core.runs.cancel(sleeper.id);
    await recorder.reached(sleeper.id, 'cancelled');
    assert.equal((await readTrayState(core)).counts.running, 0);
  });

  test('pause all and resume all act on every lane; a run asked for while all are paused is refused, and said', async () => {
    await core.lanes.pause('A');
    const lanes = (await readTrayState(core)).lanes;
    assert.deepEqual(lanes.filter((lane) => lane.paused), [{ name: 'A', paused: true }]);
    assert.ok(lanes.length >= 2, 'every lane of the database, as the board shows them');
    assert.equal(await performTrayAction(core, { kind: 'pause-all' }), null);
    assert.ok((await core.lanes.list()).every((lane) => lane.paused));
    assert.deepEqual(buildTrayMenu(await readTrayState(core)).filter((i) => i.label.includes('lanes')).map((i) => i.label), ['Resume all lanes']);

    const refused = await performTrayAction(core, { kind: 'run-command', command: 'echo never' }).then(() => null, (e: Error) => e);
    assert.equal((refused as { code?: string } | null)?.code, 'UNKNOWN_LANE');
    assert.match(actionFailed({ kind: 'run-command', command: 'echo never' }, refused).body, /is paused; resume one/);

    await performTrayAction(core, { kind: 'resume-all' });
    assert.ok((await core.lanes.list()).every((lane) => !lane.paused));
  });

  test('pins hold a plan name: pinned plans come first, survive a new version, and one asking for parameters opens its form', async () => {
    const greet = await core.plans.import(fixture('greet.json'), 'greet.json');
    const other = await core.plans.import({ irVersion: 1, name: 'zz other', steps: [{ id: 'a', tool: 'shell', input: { command: 'true' }, verify: [{ kind: 'exit_code' }] }] });
    assert.equal((await core.plans.list())[0]!.id, other.id, 'newest first while nothing is pinned');

    assert.deepEqual(await core.plans.setPinned(greet.id, true), { name: 'greet and check', pinned: true });
    assert.deepEqual(await core.plans.setPinned(greet.id, true), { name: 'greet and check', pinned: true }, 'pinning twice is harmless');
    let list = await core.plans.list();
    assert.deepEqual([list[0]!.id, list[0]!.pinned], [greet.id, true]);
    assert.ok(list.slice(1).every((plan) => !plan.pinned));

    const v2 = await core.plans.import({ ...fixture('greet.json'), description: 'version two' });
    list = await core.plans.list();
    assert.deepEqual([list[0]!.id, list[0]!.pinned, list[0]!.description], [v2.id, true, 'version two'], 'the pin follows the name');
    assert.ok(!list.some((plan) => plan.id === greet.id), 'only the newest version is listed');

    const state = await readTrayState(core);
    assert.deepEqual(state.pinned, [{ kind: 'plan', planId: v2.id, name: 'greet and check', description: 'version two', runnable: false }]);
    const item = buildTrayMenu(state).find((i) => i.label === 'Run greet and check…');
    assert.deepEqual(item?.action, { kind: 'open-plan', planId: v2.id }, 'who and dir have no default');

    await core.plans.setPinned(greet.id, false); // any version unpins the name
    assert.ok((await core.plans.list()).every((plan) => !plan.pinned));
    await assert.rejects(core.plans.setPinned(99_999, true), { code: 'UNKNOWN_PLAN' });
  });

  test('a remembered /skill command runs from the tray as that skill again, not as a program named /skill', async () => {
    mkdirSync(join(dataDir, 'skills'), { recursive: true });
    writeFileSync(join(dataDir, 'skills', 'say-word.yaml'), [
      'skill: say-word', 'version: 1.0.0', 'title: Say a word', 'params:', '  word: { type: string }', 'steps:',
      '  - id: say', '    tool: shell', '    input: { command: \'echo "said $WORD"\', env: { WORD: "${params.word}" } }',
      '    verify: [{ kind: exit_code }]', '',
    ].join('\n'));
    await core.skills.reload();
    await core.compile.run('/say-word word=hello', { remember: true });
    const command = (await readTrayState(core)).recentCommands[0]!;
    assert.equal(command, '/say-word word=hello');

    const run = (await performTrayAction(core, { kind: 'run-command', command }))!;
    assert.equal(run.title, 'say-word', 'the skill\'s plan, not a one-step shell command');
    assert.equal((await core.sessions.list()).find((s) => s.id === run.sessionId)?.title, QUICK_RUNS_SESSION);
    await recorder.reached(run.id, 'succeeded');
    assert.ok(recorder.events.some((e) => e.runId === run.id && e.kind === 'output' && e.message === 'said hello'));
  });

  test('plans.import stores a valid plan without running it, and refuses an invalid one naming each problem', async () => {
    const runsBefore = (await core.runs.list({ limit: 1000 })).length;
    const outline = await core.plans.import(fixture('greet.json'), 'greet.json');
    assert.equal(outline.name, 'greet and check');
    assert.deepEqual(outline.steps.map((s) => [s.id, s.needs]), [['write', []], ['check', ['write']]]);
    assert.equal((await core.plans.import(fixture('greet.json'))).id, outline.id, 'the same content is stored once');
    assert.equal((await core.runs.list({ limit: 1000 })).length, runsBefore, 'nothing ran');

    const broken = fixture('greet.json') as { steps: { input: Record<string, unknown>; needs?: string[] }[] };
    delete broken.steps[0]!.input.command;
    broken.steps[1]!.needs = ['nowhere'];
    await assert.rejects(core.plans.import(broken, 'broken.opsplan.json'), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'INVALID_PLAN');
      assert.match(error.message, /^broken\.opsplan\.json is not a valid plan: /);
      assert.match(error.message, /nowhere/, error.message);
      return true;
    });
    const missingInput = fixture('unproven.json') as { steps: { input: Record<string, unknown> }[] };
    delete missingInput.steps[0]!.input.command;
    await assert.rejects(core.plans.import(missingInput, 'x.json'), { code: 'INVALID_PLAN', message: /steps\[0\]\.input\.command: .*\(step "claim"\)/ });
    const unknownServer = { irVersion: 1, name: 'mcp', steps: [{ id: 'call', tool: 'nowhere/echo', input: {}, verify: [{ kind: 'output', regex: 'x' }] }] };
    await assert.rejects(core.plans.import(unknownServer, 'mcp.json'),
      { code: 'INVALID_PLAN', message: /no MCP server named "nowhere"/ }, 'the registry checks run too, as for a queued plan');
    assert.ok(!(await core.plans.list()).some((plan) => plan.name === 'mcp'), 'nothing was stored');
  });
});
