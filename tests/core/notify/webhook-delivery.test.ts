import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Run, RunEvent } from '../../../shared/domain/run.ts';
import type { Plan } from '../../../shared/ir/plan.ts';
import type { Notify } from '../../../shared/ir/operations.ts';
import { createCore, createSecretStore, shellPlan, type Core, type DesktopNotification } from '../../../electron/core/index.ts';
import { openPglite } from '../../../electron/core/db/pglite-sql.ts';
import { tempDir } from '../../helpers/tmp.ts';
import { signatureValid, startReceiver, type Answer, type Receiver } from './receiver.ts';

// A real core (PGlite on disk, lane worker threads) and real receivers on loopback: what a run's end sends,
// signed with a key from the secret store, retried when the receiver is down or failing, and logged in the run.

const KEY = 'whsec-3f9a1c0b7d2e-never-in-the-log';
const dir = tempDir('opsroom-notify-');
const dataDir = join(dir.path, 'data');
let core: Core;
const desktop: DesktopNotification[] = [];
const receivers: Receiver[] = [];

const planOf = (command: string, notify: Notify): Plan => ({ ...shellPlan(command), name: `notify ${command}`, notify });

/** Queues the plan and resolves, once it has ended, with the run and every notification line of its log. */
async function runAndNotify(plan: Plan, lines: number): Promise<{ run: Run; notes: RunEvent[] }> {
  const notes: RunEvent[] = [];
  let runId = -1;
  let wake = () => undefined as void;
  const enough = new Promise<void>((resolve) => { wake = resolve; });
  const stop = core.subscribe((events) => {
    notes.push(...events.filter((e) => e.payload?.notify !== undefined && (runId === -1 || e.runId === runId)));
    if (notes.filter((e) => e.runId === runId).length >= lines) wake();
  });
  try {
    const { run } = await core.runs.enqueue({ plan, lane: 'A' });
    runId = run.id;
    const ended = await core.runs.follow(run.id, () => undefined);
    if (notes.filter((e) => e.runId === runId).length < lines) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`fewer than ${lines} notification lines`)), 20_000); });
      await Promise.race([enough, late]).finally(() => clearTimeout(timer));
    }
    return { run: ended, notes: notes.filter((e) => e.runId === runId) };
  } finally {
    stop();
  }
}

const receiver = async (...answers: Answer[]) => {
  const started = await startReceiver(answers.length ? answers : undefined);
  receivers.push(started);
  return started;
};

/** A URL on which nothing listens: a receiver started and stopped. */
async function downUrl(): Promise<string> {
  const gone = await startReceiver();
  await gone.close();
  return gone.url;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

describe('webhook and desktop notifications of a run', () => {
  before(async () => {
    await createSecretStore(dataDir).set('hook-key', KEY);
    core = await createCore({
      dataDir, lanes: ['A'], notify: (n) => desktop.push(n),
      webhookTiming: { timeoutMs: 1000, retryDelaysMs: [100, 200] },
    });
  });
  after(async () => {
    await core?.close();
    await Promise.all(receivers.map((r) => r.close()));
  });

  test('a failed run posts one delivery, signed with the stored secret, and one desktop notification', async () => {
    const hook = await receiver();
    const { run, notes } = await runAndNotify(planOf('echo boom >&2; exit 3', { webhook: { url: hook.url, secret: 'hook-key' } }), 2);
    assert.equal(run.status, 'failed');
    const [delivery] = await hook.waitFor(1);
    await settle();
    assert.equal(hook.received.length, 1, 'told once');
    assert.ok(signatureValid(delivery!, KEY), `signature ${delivery!.headers['x-opsroom-signature']} is the HMAC-SHA256 of the body`);
    assert.ok(!signatureValid(delivery!, `${KEY}x`), 'and not of another key');
    assert.equal(delivery!.headers['content-type'], 'application/json');
    assert.equal(delivery!.headers['x-opsroom-event'], 'failure');
    const body = delivery!.json as { event: string; run: Record<string, unknown>; step: Record<string, unknown>; at: string };
    assert.equal(body.event, 'failure');
    assert.deepEqual(Object.keys(body.run).sort(), ['attempt', 'error', 'id', 'lane', 'status', 'title']);
    assert.equal(body.run.id, run.id);
    assert.equal(body.run.status, 'failed');
    assert.equal(body.run.lane, 'A');
    assert.equal(body.run.error, run.error);
    assert.equal(body.step.id, 'sh');
    assert.equal(body.step.status, 'failed');
    assert.ok(Math.abs(Date.parse(body.at) - run.finishedAt!.getTime()) < 2000, body.at);

    assert.deepEqual(desktop.filter((n) => n.runId === run.id),
      [{ kind: 'failure', runId: run.id, stepId: 'sh', title: `Run #${run.id} failed`, body: `${run.title}\n${run.error!.split('\n')[0]}` }]);
    const webhookLine = notes.find((e) => (e.payload!.notify as { channel: string }).channel === 'webhook')!;
    const origin = new URL(hook.url).origin;
    assert.equal(webhookLine.message, `notification: webhook ${origin} told of the failure (HTTP 204, 1 try, signed)`);
    assert.equal(webhookLine.kind, 'log');
    assert.doesNotMatch(JSON.stringify(notes), /in-the-path/, 'the URL\'s path (often a token) is not logged');
    assert.ok(notes.some((e) => e.message === `notification: desktop: Run #${run.id} failed`));
  });

  test('a success is told only when the plan asks for it', async () => {
    const hook = await receiver();
    const unasked = await runAndNotify(planOf('echo fine', { webhook: { url: hook.url } }), 0);
    assert.equal(unasked.run.status, 'succeeded');
    const asked = await runAndNotify(planOf('echo fine again', { on: ['success'], desktop: false, webhook: { url: hook.url } }), 1);
    const [delivery] = await hook.waitFor(1);
    await settle();
    assert.equal(hook.received.length, 1, 'only the run that asked');
    assert.equal((delivery!.json.run as { id: number }).id, asked.run.id);
    assert.equal(delivery!.json.event, 'success');
    assert.equal(delivery!.headers['x-opsroom-signature'], undefined, 'no secret named: unsigned');
    assert.deepEqual(unasked.notes, []);
    assert.equal(desktop.filter((n) => n.runId === unasked.run.id || n.runId === asked.run.id).length, 0,
      'successes are not on the desktop by default, and desktop: false turns it off');
  });

  test('a receiver answering 500, a slow one and one that is down are tried 3 times, then the failure is logged; the runs are unaffected', async () => {
    const failing = await receiver(500);
    const slow = await receiver('hang');
    const down = await downUrl();
    const on: Notify['on'] = ['success'];
    const [a, b, c] = await Promise.all([
      runAndNotify(planOf('echo a', { on, desktop: false, webhook: { url: failing.url } }), 1),
      runAndNotify(planOf('echo b', { on, desktop: false, webhook: { url: slow.url } }), 1),
      runAndNotify(planOf('echo c', { on, desktop: false, webhook: { url: down } }), 1),
    ]);
    for (const { run } of [a, b, c]) assert.equal(run.status, 'succeeded');
    assert.equal(failing.received.length, 3);
    assert.equal(new Set(failing.received.map((r) => r.headers['x-opsroom-delivery'])).size, 1, 'one delivery id over its tries');
    assert.equal(failing.received[0]!.body, failing.received[2]!.body, 'the same bytes each try');
    assert.equal(slow.received.length, 3);
    const line = (notes: RunEvent[]) => notes.find((e) => (e.payload!.notify as { channel: string }).channel === 'webhook')!;
    const originOf = (url: string) => new URL(url).origin;
    assert.equal(line(a.notes).message, `notification: webhook ${originOf(failing.url)} could not be told of the success after 3 tries: the receiver answered HTTP 500`);
    assert.equal(line(a.notes).level, 'warn');
    assert.equal(line(b.notes).message, `notification: webhook ${originOf(slow.url)} could not be told of the success after 3 tries: no answer within 1000 ms`);
    assert.match(line(c.notes).message, /could not be told of the success after 3 tries: connection refused by 127\.0\.0\.1:\d+ \(ECONNREFUSED/);
    assert.deepEqual(line(c.notes).payload!.notify, {
      channel: 'webhook', event: 'success', target: originOf(down), delivered: false, status: null, tries: 3, signed: false,
      reason: line(c.notes).message.split('after 3 tries: ')[1],
    });
    for (const { run } of [a, b, c]) assert.equal((await core.runs.get(run.id)).run.status, 'succeeded', 'still succeeded');
  });

  test('a refusal that repeating will not change (404) is tried once; a named secret that is not stored sends nothing', async () => {
    const gone = await receiver(404);
    const strict = await receiver();
    const on: Notify['on'] = ['success'];
    const [a, b] = await Promise.all([
      runAndNotify(planOf('echo d', { on, desktop: false, webhook: { url: gone.url } }), 1),
      runAndNotify(planOf('echo e', { on, desktop: false, webhook: { url: strict.url, secret: 'not-set' } }), 1),
    ]);
    assert.equal(gone.received.length, 1);
    assert.match(a.notes[0]!.message, /after 1 try: the receiver answered HTTP 404$/);
    await settle();
    assert.equal(strict.received.length, 0, 'never unsigned in place of signed');
    assert.equal(b.notes[0]!.message, `notification: webhook ${new URL(strict.url).origin} not told of the success: `
      + 'secret "not-set" is not in the secret store: nothing was sent (store it with: opsroom secrets set not-set)');
  });

  test('the secret\'s value is in no stored event', async () => {
    await core.close();
    const sql = await openPglite(join(dataDir, 'pgdata'));
    try {
      const { rows } = await sql.query<{ total: number; notes: number; leaks: number }>(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE payload ? 'notify')::int AS notes,
                count(*) FILTER (WHERE message LIKE '%' || $1 || '%' OR payload::text LIKE '%' || $1 || '%')::int AS leaks
           FROM run_events`, [KEY]);
      assert.ok(rows[0]!.notes >= 8, `the notification lines are there to scan (${rows[0]!.notes} of ${rows[0]!.total})`);
      assert.equal(rows[0]!.leaks, 0);
    } finally {
      await sql.close();
    }
  });
});
