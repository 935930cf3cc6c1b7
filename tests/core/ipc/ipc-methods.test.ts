import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Core, IpcServer } from '../../../electron/core/index.ts';
import { METHOD_NAMES, type MethodInput, type MethodName } from '../../../shared/ipc/contract.ts';
import { MISBEHAVING_SERVER } from '../mcp/mcp-test-kit.ts';
import { client, finished, openCore, serve, until, type Client } from './ipc-kit.ts';

const ZERO = { queued: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0 };
const CLAUDE_CONFIG = fileURLToPath(new URL('../../fixtures/mcp/claude_desktop_config.json', import.meta.url));

// Every method through one connection, on a real core: each answer is checked against the method's output
// schema by the kit (cloned, and over JSON). The last test makes sure none was left out.
describe('IPC methods on a real core', () => {
  let core: Core;
  let server: IpcServer;
  let c: Client;
  const called = new Set<MethodName>();
  const call = <M extends MethodName>(method: M, input: MethodInput<M>) => {
    called.add(method);
    return c.call(method, input);
  };
  const fail = (method: MethodName, input: unknown) => {
    called.add(method);
    return c.fail(method, input);
  };

  before(async () => {
    core = await openCore();
    server = serve(core);
    c = client(server);
  });
  after(async () => {
    server.close();
    await core.close({ graceMs: 0 });
  });

  test('app.info says what answers and where its data lives; app.health that nothing crashed', async () => {
    const info = await call('app.info', {});
    assert.deepEqual({ ...info, dataDir: null }, { version: '9.9.9-test', mode: 'embedded', dataDir: null, lanes: ['A', 'B'], shell: 'desktop' });
    assert.equal(info.dataDir, core.dataDir);
    assert.deepEqual(await call('app.health', {}), { status: 'ok', fatal: null, incidents: [] }, 'nothing crashed');
  });

  test('a typed command runs, is proven by its exit code, and is remembered', async () => {
    const run = await call('runs.runCommand', { command: 'echo hello' });
    assert.deepEqual([run.title, run.status, run.sessionId], ['echo hello', 'queued', null]);
    const { run: done, steps, plan } = await finished(c, run.id);
    assert.equal(done.status, 'succeeded', done.error ?? '');
    assert.deepEqual(steps.map((s) => [s.stepId, s.status, s.exitCode]), [['sh', 'succeeded', 0]]);
    assert.deepEqual(plan.steps, [{ id: 'sh', name: null, tool: 'shell', needs: [] }]);
    const proofs = await call('proofs.list', { runId: run.id });
    assert.deepEqual(proofs.map((p) => [p.verifierKind, p.passed, p.evidence.exitCode]), [['exit_code', true, 0]]);
    const events = await call('runs.events', { runId: run.id });
    assert.ok(events.some((e) => e.kind === 'output' && e.message === 'hello'), JSON.stringify(events.map((e) => e.message)));
    assert.deepEqual((await call('runs.events', { runId: run.id, afterSeq: events.at(-2)!.seq })).map((e) => e.seq), [events.at(-1)!.seq]);
    const bundle = await call('proofs.bundle', { runId: run.id });
    assert.equal(bundle.run.id, run.id);
    assert.deepEqual(await call('artifacts.list', { runId: run.id }), []);

    const more = [await call('runs.runCommand', { command: 'echo second' }), await call('runs.runCommand', { command: 'echo hello' })];
    for (const { id } of more) await finished(c, id);
    const recent = await call('commands.recent', {});
    assert.deepEqual(recent.map((r) => [r.command, r.uses]), [['echo hello', 2], ['echo second', 1]]);
    assert.deepEqual((await call('commands.recent', { limit: 1 })).map((r) => r.command), ['echo hello']);
    assert.ok(c.changed().includes('commands'));
  });

  test('sessions are created, renamed, archived, restored and listed with their runs counted', async () => {
    const session = await call('sessions.create', { title: 'incident 7' });
    const renamed = await call('sessions.rename', { id: session.id, title: ' incident 7: db ' });
    assert.equal(renamed.title, 'incident 7: db');
    await call('lanes.pause', { name: 'B' });
    const held = await call('runs.runCommand', { command: 'echo held', sessionId: session.id, lane: 'B' });
    const lanes = await call('lanes.list', {});
    assert.deepEqual(lanes.map((l) => [l.name, l.served, l.paused]).slice(0, 2), [['A', true, false], ['B', true, true]]);
    const [a, b] = lanes.map((l) => l.counts);
    assert.deepEqual([a!.queued, b!.queued, a!.succeeded + b!.succeeded], [0, 1, 3], 'the three commands of the test before ran');
    assert.deepEqual(lanes.find((l) => l.name === 'C')!.counts, ZERO, 'a lane no worker serves is listed too');
    const idle = await call('sessions.create', { title: 'quiet' });
    const listed = await call('sessions.list', {});
    assert.deepEqual(listed.map((s) => [s.title, s.counts]), [['incident 7: db', { ...ZERO, queued: 1 }], ['quiet', ZERO]]);
    await call('sessions.archive', { id: idle.id });
    assert.deepEqual((await call('sessions.list', {})).map((s) => s.id), [session.id]);
    assert.equal((await call('sessions.list', { includeArchived: true })).length, 2);
    assert.equal((await call('sessions.restore', { id: idle.id })).archivedAt, null);
    await call('lanes.resume', { name: 'B' });
    assert.equal((await finished(c, held.id)).run.status, 'succeeded');
    assert.deepEqual((await call('sessions.list', {}))[0]!.counts, { ...ZERO, succeeded: 1 });
  });

  test('runs.list returns cards with step progress, filtered like the board', async () => {
    const session = (await call('sessions.list', {}))[0]!;
    const cards = await call('runs.list', { sessionId: session.id });
    assert.deepEqual(cards.map((r) => [r.title, r.progress]), [['echo held', { total: 1, done: 1, failed: 0, running: 0 }]]);
    assert.deepEqual((await call('runs.list', { text: 'SECOND' })).map((r) => r.title), ['echo second']);
    assert.equal((await call('runs.list', { status: ['succeeded'], limit: 2 })).length, 2);
    assert.deepEqual(await call('runs.list', { until: new Date(0) }), []);
  });

  test('plans: typed commands are not listed; a stored plan runs with parameters; retry repeats a run exactly', async () => {
    const greet = (text: string) => ({ irVersion: 1, name: 'greet', params: { who: { type: 'string' } },
      steps: [{ id: 'say', tool: 'shell', input: { command: `echo ${text} \${params.who}` }, verify: [{ kind: 'exit_code' }] }] });
    await core.runs.enqueue({ plan: greet('hello'), params: { who: 'v1' } });
    await core.runs.enqueue({ plan: greet('hi'), params: { who: 'v2' } });
    const plans = await call('plans.list', {});
    assert.deepEqual(plans.map((p) => p.name), ['greet'], 'one version per name, no typed commands');
    assert.deepEqual(plans[0]!.params, { who: { type: 'string' } });
    assert.deepEqual(await call('plans.setPinned', { planId: plans[0]!.id, pinned: true }), { name: 'greet', pinned: true });
    assert.equal((await call('plans.list', {}))[0]!.pinned, true);

    const session = await call('sessions.create', { title: 'retries' });
    await call('lanes.pause', { name: 'B' }); // held queued, so the refused retry below is deterministic
    const run = await call('runs.runPlan', { planId: plans[0]!.id, params: { who: 'ops' }, sessionId: session.id, lane: 'B' });
    assert.deepEqual([run.planId, run.input, run.lane, run.sessionId], [plans[0]!.id, { who: 'ops' }, 'B', session.id]);
    const refused = await fail('runs.retry', { id: run.id });
    assert.equal(refused.code, 'INVALID_STATE');
    assert.match(refused.message, new RegExp(`run ${run.id} is still queued`));
    await call('lanes.resume', { name: 'B' });
    const first = (await finished(c, run.id)).run;
    assert.equal(first.status, 'succeeded', first.error ?? '');
    const again = await call('runs.retry', { id: run.id });
    assert.notEqual(again.id, run.id);
    assert.deepEqual([again.planId, again.input, again.sessionId, again.lane, again.title, again.status],
      [first.planId, first.input, first.sessionId, first.lane, first.title, 'queued']);
    assert.equal((await finished(c, again.id)).run.status, 'succeeded');
    // issue 8: a retry is a rerun linked to its run; reruns from a step and re-proves are listed under it.
    assert.deepEqual([again.parentRunId, again.rerunKind], [run.id, 'rerun']);
    const fromSay = await call('runs.rerun', { id: run.id, kind: 'from-step', fromStep: 'say' });
    const reproved = await call('runs.reprove', { id: run.id });
    assert.equal((await finished(c, reproved.id)).run.status, 'succeeded');
    assert.deepEqual((await call('runs.reruns', { id: run.id })).children.map((r) => [r.id, r.rerunKind]),
      [[reproved.id, 'reprove'], [fromSay.id, 'from-step'], [again.id, 'rerun']]);
    assert.equal((await fail('runs.runPlan', { planId: 999_999 })).code, 'UNKNOWN_PLAN');
  });

  test('a run is cancelled and watched; unknown ids are named as such', async () => {
    const long = await call('runs.runCommand', { command: 'echo go; sleep 30' });
    assert.deepEqual(await call('runs.watch', { runIds: [long.id, long.id] }), { runIds: [long.id] });
    await until(async () => (await call('runs.get', { id: long.id })).run.status === 'running', 'the run to start');
    assert.match((await fail('runs.retry', { id: long.id })).message, /is still running: retry it once it has finished, or cancel it first/);
    const cancelled = await call('runs.cancel', { id: long.id });
    assert.ok(cancelled.cancelRequestedAt instanceof Date || cancelled.status === 'cancelled');
    assert.equal((await finished(c, long.id)).run.status, 'cancelled');
    assert.deepEqual(await call('runs.watch', { runIds: [] }), { runIds: [] });
    assert.equal((await fail('runs.get', { id: 999_999 })).code, 'UNKNOWN_RUN');
    assert.equal((await fail('runs.retry', { id: 999_999 })).code, 'UNKNOWN_RUN');
    assert.equal((await fail('sessions.rename', { id: 999_999, title: 'x' })).code, 'UNKNOWN_SESSION');
    assert.equal((await fail('lanes.pause', { name: 'Z' })).code, 'UNKNOWN_LANE');
  });

  test('an artifact (a long HTTP body kept as evidence) is listed and read with its content', async () => {
    const body = '<html>'.padEnd(6000, '.');
    const http = createServer((_req, res) => res.end(body));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/`;
      const { run } = await core.runs.enqueue({ plan: { irVersion: 1, name: 'probe',
        steps: [{ id: 'get', tool: 'shell', input: { command: 'true' }, verify: [{ kind: 'http', url }] }] } });
      assert.equal((await finished(c, run.id)).run.status, 'succeeded');
      const [artifact] = await call('artifacts.list', { runId: run.id });
      assert.ok(artifact);
      assert.deepEqual([artifact.stepId, artifact.size], ['get', 6000]);
      const got = await call('artifacts.get', { runId: run.id, sha256: artifact.sha256 });
      assert.equal(Buffer.from(got.contentBase64, 'base64').toString(), body);
      const bundle = await call('proofs.bundle', { runId: run.id, includeArtifacts: true });
      assert.equal(bundle.artifacts[0]!.contentBase64, got.contentBase64);
      assert.equal((await fail('artifacts.get', { runId: run.id, sha256: 'f'.repeat(64) })).code, 'UNKNOWN_ARTIFACT');
    } finally {
      http.close();
    }
  });

  test('MCP servers are added, tested, switched off, imported and removed', async () => {
    assert.ok((await call('mcp.list', {})).some((s) => s.name === 'desktop-commander'));
    const added = await call('mcp.add', { name: 'misbehaving', command: process.execPath, args: [MISBEHAVING_SERVER] });
    assert.deepEqual([added.source, added.enabled, added.sandbox], ['user', true, {}]);
    const tested = await call('mcp.test', { name: 'misbehaving' });
    assert.ok(tested.tools.some((t) => t.name === 'echo'));
    assert.equal(tested.serverInfo?.name, 'misbehaving');
    assert.ok((await call('mcp.tools', { server: 'misbehaving' })).some((t) => t.name === 'echo'));
    assert.equal((await call('mcp.setEnabled', { name: 'misbehaving', enabled: false })).enabled, false);
    assert.equal((await call('mcp.list', {})).find((s) => s.name === 'misbehaving')!.enabled, false);

    const pasted = await call('mcp.import', { text: JSON.stringify({ mcpServers: { notes: { command: 'notes-mcp' }, misbehaving: { command: 'x' } } }) });
    assert.deepEqual(pasted.added.map((s) => [s.name, s.source]), [['notes', 'pasted config']]);
    assert.deepEqual(pasted.skipped.map((s) => s.name), ['misbehaving'], 'a registered server is never replaced');
    const fromFile = await call('mcp.import', { path: CLAUDE_CONFIG });
    assert.ok(fromFile.added.some((s) => s.name === 'filesystem'));
    assert.equal((await fail('mcp.import', { text: '{ not json' })).code, 'INVALID_INPUT');

    assert.deepEqual(await call('mcp.remove', { name: 'notes' }), { removed: 'notes' });
    assert.equal((await fail('mcp.remove', { name: 'notes' })).code, 'UNKNOWN_SERVER');
    assert.deepEqual(c.changed().filter((t) => t === 'mcp').length, 6, 'add, test, setEnabled, two imports, remove');
  });

  test('the grammar over IPC: a preview, typed text run and remembered, an approved draft, the skills', async () => {
    const preview = await call('compile.preview', { text: 'echo previewed' });
    assert.ok(preview.status === 'compiled' && preview.source === 'shell' && preview.plan.steps.length === 1);
    const run = await call('runs.runText', { text: 'echo from text' });
    assert.equal((await finished(c, run.id)).run.status, 'succeeded');
    assert.equal((await call('commands.recent', { limit: 1 }))[0]!.command, 'echo from text');
    assert.ok(c.changed().includes('commands'));
    const draft = await call('runs.runDraft', { plan: { irVersion: 1, name: 'approved', steps: [{ id: 'a', tool: 'shell', input: { command: 'true' }, verify: [{ kind: 'exit_code' }] }] } });
    assert.equal((await finished(c, draft.id)).run.status, 'succeeded');
    assert.equal((await fail('runs.runDraft', { plan: { irVersion: 1, name: 'bad', steps: [] } })).code, 'INVALID_PLAN');
    assert.equal((await fail('runs.runText', { text: '? anything' })).code, 'NOT_CONFIGURED');
    const { skills } = await call('skills.list', {});
    assert.ok(skills.some((s) => s.name === 'http-health'), 'the stock skills are listed');
  });

  // issue 8: schedules
  test('schedules: a live cron preview, add with next fire times, update, pause, pause all, fires, remove', async () => {
    const preview = await call('schedules.preview', { cron: '0 9 * * 1-5', timezone: 'America/New_York', count: 3 });
    assert.ok('nextFires' in preview && preview.nextFires.length === 3 && preview.timezone === 'America/New_York');
    assert.match(JSON.stringify(await call('schedules.preview', { cron: '0 25 * * *' })), /Invalid value for hour: 25/);
    const added = await call('schedules.add', { name: 'ipc-nightly', cron: '0 3 * * *', timezone: 'UTC', target: { kind: 'command', text: 'echo nightly' } });
    assert.deepEqual([added.target, added.overlap, added.catchUp, added.lastFire], [{ kind: 'command', text: '$ echo nightly' }, 'skip', 'once', null]);
    assert.ok(added.nextFires.every((d) => d.getUTCHours() === 3 && d.getUTCMinutes() === 0));
    assert.equal((await call('schedules.update', { name: 'ipc-nightly', changes: { cron: '30 4 * * *', overlap: 'replace' } })).nextFires[0]!.getUTCHours(), 4);
    assert.equal((await call('schedules.pause', { name: 'ipc-nightly' })).paused, true);
    assert.equal((await call('schedules.resume', { name: 'ipc-nightly' })).paused, false);
    assert.deepEqual(await call('schedules.pauseAll', {}), { pausedAll: true });
    assert.equal((await call('schedules.list', {})).pausedAll, true);
    assert.deepEqual(await call('schedules.resumeAll', {}), { pausedAll: false });
    assert.deepEqual(await call('schedules.fires', { name: 'ipc-nightly' }), []);
    assert.equal((await call('schedules.remove', { name: 'ipc-nightly' })).name, 'ipc-nightly');
    assert.equal((await fail('schedules.remove', { name: 'ipc-nightly' })).code, 'UNKNOWN_SCHEDULE');
    assert.deepEqual((await call('schedules.list', {})).schedules, []);
    assert.ok(c.changed().includes('schedules'));
  });

  test('approvals: a waiting step is listed and shown; a decision about other evidence is void; approve lets it run', async () => {
    const { run } = await core.runs.enqueue({ plan: { irVersion: 1, name: 'gated', approval: { prompt: 'ship it?' },
      steps: [{ id: 'ship', tool: 'shell', input: { command: 'echo shipped' }, verify: [{ kind: 'exit_code' }] }] } });
    await until(async () => (await call('approvals.list', { pending: true })).some((a) => a.runId === run.id), 'the approval is requested');
    const shown = await call('approvals.get', { runId: run.id, stepId: 'approve' });
    assert.equal(shown.status, 'pending');
    const stale = await fail('approvals.decide', { runId: run.id, stepId: 'approve', decision: 'approve', shownSha256: 'a'.repeat(64) });
    assert.match(stale.message, /void/);
    const decided = await call('approvals.decide', { runId: run.id, stepId: 'approve', decision: 'approve', shownSha256: shown.shownSha256, by: 'ipc-test' });
    assert.deepEqual([decided.status, decided.decidedBy], ['approved', 'ipc-test']);
    assert.equal((await finished(c, run.id)).run.status, 'succeeded');
  });

  // issue 8: retention and history
  test('retention: the policy, a session\'s own period, a dry run and a purge; the log search finds a line', async () => {
    const empty = await call('retention.get', {});
    assert.deepEqual([empty.runsDays, empty.proofsDays, empty.sessions, empty.lastPurge], [null, null, [], null]);
    assert.match((await fail('retention.set', { runsDays: 30, proofsDays: 7 })).message, /proofs are kept at least as long as their runs/);
    assert.deepEqual(await call('retention.set', { runsDays: 30, proofsDays: 90 }), { ...empty, runsDays: 30, proofsDays: 90 });
    const session = await call('sessions.create', { title: 'kept a week' });
    assert.deepEqual((await call('retention.setSession', { sessionId: session.id, days: 7 })).sessions,
      [{ id: session.id, title: 'kept a week', retentionDays: 7 }]);
    assert.equal((await fail('retention.setSession', { sessionId: 99_999, days: 7 })).code, 'UNKNOWN_SESSION');
    const dry = await call('retention.purge', { dryRun: true });
    assert.deepEqual([dry.dryRun, dry.runsDeleted, dry.policy], [true, 0, { runsDays: 30, proofsDays: 90, sessionOverrides: 1 }]);
    const purged = await call('retention.purge', {});
    assert.deepEqual([purged.dryRun, purged.complete, purged.runsDeleted], [false, true, 0], 'every run here is minutes old');
    assert.deepEqual((await call('retention.get', {})).lastPurge?.startedAt, purged.startedAt);

    const run = await call('runs.runCommand', { command: 'echo needle-in-the-log', sessionId: session.id });
    await finished(c, run.id);
    const page = await call('runs.searchLogs', { text: 'Needle-in', filter: { sessionId: session.id } });
    assert.deepEqual(page.hits.map((h) => [h.run.id, h.run.progress.total, h.lines.map((l) => l.message)]), [[run.id, 1, ['needle-in-the-log']]]);
    assert.equal(page.nextBefore, null);
  });

  test('every method of the contract was called', () => {
    assert.deepEqual(METHOD_NAMES.filter((m) => !called.has(m)), []);
  });
});
