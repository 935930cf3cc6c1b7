import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Plan } from '../../../shared/ir/plan.ts';
import { createCore, createSecretStore, shellPlan, type DesktopNotification } from '../../../electron/core/index.ts';
import { openPglite } from '../../../electron/core/db/pglite-sql.ts';
import { tempDir } from '../../helpers/tmp.ts';
import { signatureValid, startReceiver } from './receiver.ts';

const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

test('an approval asked for is told on the desktop and at the webhook, with the digest of what is shown', async (t) => {
  const dir = tempDir('opsroom-notify-approval-');
  const dataDir = join(dir.path, 'data');
  await createSecretStore(dataDir).set('hook-key', 'approval-key-1');
  const hook = await startReceiver();
  const desktop: DesktopNotification[] = [];
  const core = await createCore({ dataDir, lanes: ['A'], notify: (n) => desktop.push(n) });
  t.after(async () => {
    await core.close();
    await hook.close();
    dir.remove();
  });
  const plan: Plan = {
    irVersion: 1, name: 'production change', notify: { webhook: { url: hook.url, secret: 'hook-key' } },
    steps: [{ id: 'gate', tool: 'approval', input: { prompt: 'Deploy to production?\nThe diff is in the run.' }, verify: [{ kind: 'approval' }] }],
  };
  const { run } = await core.runs.enqueue({ plan, lane: 'A' });
  const [delivery] = await hook.waitFor(1, 60_000);
  const requested = (await core.runs.events(run.id)).find((e) => e.payload?.approval === 'requested')!;
  assert.ok(signatureValid(delivery!, 'approval-key-1'));
  assert.equal(delivery!.headers['x-opsroom-event'], 'approval');
  assert.deepEqual(delivery!.json.approval, { stepId: 'gate', prompt: 'Deploy to production?\nThe diff is in the run.', shownSha256: requested.payload!.shownSha256 });
  assert.match(String(requested.payload!.shownSha256), /^[0-9a-f]{64}$/);
  assert.deepEqual(delivery!.json.step, { id: 'gate', status: 'running', error: null });
  assert.equal((delivery!.json.run as { status: string }).status, 'running', 'told while it waits');
  assert.deepEqual(desktop, [{
    kind: 'approval', runId: run.id, stepId: 'gate', title: 'Approval needed: Deploy to production?', body: `Run #${run.id} production change, step gate`,
  }]);

  // Cancelled by a person: nobody is told of that (and the run's failure would be told, its cancel is not).
  await core.runs.cancel(run.id);
  assert.equal((await core.runs.follow(run.id, () => undefined)).status, 'cancelled');
  await settle();
  assert.equal(hook.received.length, 1);
  assert.equal(desktop.length, 1);
  const lines = (await core.runs.events(run.id)).filter((e) => e.payload?.notify);
  assert.deepEqual(lines.map((e) => [e.stepId, e.message.replace(/\d+/g, 'N')]).sort(), [
    ['gate', 'notification: desktop: Approval needed: Deploy to production?'],
    ['gate', 'notification: webhook http://N.N.N.N:N told of the approval request (HTTP N, N try, signed)'],
  ]);
});

test('a schedule\'s notify adds to its plan\'s, for the runs it fired (through schedule_fires, or the fire\'s run key)', async (t) => {
  const dir = tempDir('opsroom-notify-schedule-');
  const dataDir = join(dir.path, 'data');
  await createSecretStore(dataDir).set('schedule-key', 'schedule-key-value');
  const planHook = await startReceiver();
  const scheduleHook = await startReceiver();
  t.after(async () => {
    await planHook.close();
    await scheduleHook.close();
    dir.remove();
  });
  const plan: Plan = { ...shellPlan('exit 4'), name: 'nightly backup', notify: { webhook: { url: planHook.url } } };

  // A fired run, queued on a paused lane so it waits while its fire is recorded.
  const first = await createCore({ dataDir, lanes: ['A'] });
  await first.lanes.pause('A');
  const { run: fired } = await first.runs.enqueue({ plan, lane: 'A' });
  await first.close();

  const sql = await openPglite(join(dataDir, 'pgdata'));
  let scheduleId: number;
  try {
    const notify = { on: ['failure', 'success'], webhook: { url: scheduleHook.url, secret: 'schedule-key' } };
    const { rows } = await sql.query<{ id: number }>(
      `INSERT INTO schedules (name, cron, timezone, target, notify, last_slot)
       VALUES ('nightly', '0 3 * * *', 'UTC', '{"kind":"plan","name":"nightly backup"}', $1, now()) RETURNING id`, [JSON.stringify(notify)]);
    scheduleId = rows[0]!.id;
    await sql.query(`INSERT INTO schedule_fires (schedule_id, slot, outcome, run_id) VALUES ($1, '2026-11-25T03:00:00Z', 'fired', $2)`, [scheduleId, fired.id]);
  } finally {
    await sql.close();
  }

  const desktop: DesktopNotification[] = [];
  const core = await createCore({ dataDir, lanes: ['A'], notify: (n) => desktop.push(n) });
  t.after(() => core.close());
  await core.lanes.resume('A');
  assert.equal((await core.runs.follow(fired.id, () => undefined)).status, 'failed');
  // Another fire whose schedule_fires row is not written yet: its run key names the schedule.
  const { run: keyed } = await core.runs.enqueue({ plan, lane: 'A', idempotencyKey: `schedule:${scheduleId}:2026-11-26T03:00:00.000Z` });
  assert.equal((await core.runs.follow(keyed.id, () => undefined)).status, 'failed');
  // And a run of the same plan no schedule fired: the plan's webhook only.
  const { run: manual } = await core.runs.enqueue({ plan, lane: 'A' });
  assert.equal((await core.runs.follow(manual.id, () => undefined)).status, 'failed');

  await planHook.waitFor(3);
  await scheduleHook.waitFor(2);
  await settle();
  const runIds = (hook: typeof planHook) => hook.received.map((r) => (r.json.run as { id: number }).id).sort((a, b) => a - b);
  assert.deepEqual(runIds(planHook), [fired.id, keyed.id, manual.id], 'the plan\'s webhook hears every run, once');
  assert.deepEqual(runIds(scheduleHook), [fired.id, keyed.id], 'the schedule\'s only its own runs');
  for (const delivery of scheduleHook.received) {
    assert.ok(signatureValid(delivery, 'schedule-key-value'), 'signed with the schedule\'s secret');
    assert.deepEqual(delivery.json.schedule, { id: scheduleId, name: 'nightly' });
  }
  assert.equal(planHook.received.find((r) => (r.json.run as { id: number }).id === manual.id)!.json.schedule, undefined);
  assert.equal(planHook.received[0]!.headers['x-opsroom-signature'], undefined, 'the plan names no secret');
  assert.deepEqual(desktop.map((n) => [n.runId, n.kind]).sort(), [[fired.id, 'failure'], [keyed.id, 'failure'], [manual.id, 'failure']],
    'one desktop notification per run, though both settings want one');
});
