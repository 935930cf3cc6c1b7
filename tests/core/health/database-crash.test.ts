import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { HealthIncident, HealthState } from '../../../shared/domain/health.ts';
import type { RunEvent } from '../../../shared/domain/run.ts';
import { createCore, createIpcServer, shellPlan, type Core } from '../../../electron/core/index.ts';
import { CRASHING_DB_WORKER, crashDatabase } from '../../helpers/db-crash.ts';
import { tempDir } from '../../helpers/tmp.ts';
import { client, until } from '../ipc/ipc-kit.ts';

const open = (dataDir: string) =>
  createCore({ dataDir, lanes: ['A'], pollMs: 200, workerUrls: { db: CRASHING_DB_WORKER } });

/** Resolves with the incident once it has left 'recovering'. */
const settled = (core: Core) => new Promise<{ incident: HealthIncident; health: HealthState }>((resolve) => {
  const stop = core.onHealth((incident, health) => {
    if (incident.state === 'recovering') return;
    stop();
    resolve({ incident, health });
  });
});

/** Resolves when a published event of the run has this message. */
const published = (core: Core, runId: number, message: string) => new Promise<void>((resolve) => {
  const stop = core.subscribe((events) => {
    if (events.some((e) => e.runId === runId && e.message === message)) {
      stop();
      resolve();
    }
  });
});

const stored = async (core: Core, runId: number) =>
  (await core.runs.events(runId, 0, 10_000)).map((e) => [e.seq, e.kind, e.message]);

describe('the database thread crashes', () => {
  test('idle, and with calls in flight: reported, restarted, reads retried, writes refused, nothing stored lost', async () => {
    const dataDir = join(tempDir().path, 'data');
    const core = await open(dataDir);
    const ipc = createIpcServer(core, { shell: 'headless', version: '0' });
    const window = client(ipc);
    try {
      const { run: done } = await core.runs.enqueue({ plan: shellPlan('echo before the crash') });
      assert.equal((await core.runs.follow(done.id, () => undefined)).status, 'succeeded');
      const before = await stored(core, done.id);

      // The thread blocks 1 s, then throws: the calls sent meanwhile are in flight when it dies.
      const recovered = settled(core);
      const crashedAt = Date.now();
      crashDatabase(dataDir, { how: 'throw', blockMs: 1000 });
      await sleep(200);
      const write = core.sessions.create('sent while the database was stuck');
      const read = core.runs.get(done.id);
      await assert.rejects(write, { code: 'DATABASE_UNAVAILABLE', message: /the database thread is gone/ },
        'a write in flight may or may not have been applied: it fails, saying why');
      assert.equal((await read).run.status, 'succeeded', 'a read in flight is asked again of the new thread');

      const { incident, health } = await recovered;
      assert.equal(incident.component, 'database');
      assert.equal(incident.state, 'recovered');
      assert.match(incident.error, /planted database crash \(exit code 1\)/);
      assert.deepEqual(incident.requeuedRunIds, []);
      assert.ok(incident.at.getTime() >= crashedAt && incident.recoveredAt!.getTime() - crashedAt < 10_000);
      assert.equal(health.status, 'ok');
      assert.deepEqual(core.health().incidents.map((i) => [i.id, i.state]), [[incident.id, 'recovered']]);

      assert.deepEqual(await stored(core, done.id), before, 'stored events are intact');
      assert.deepEqual((await core.sessions.list()).map((s) => s.title), [], 'the refused write was not applied');
      const { run: after } = await core.runs.enqueue({ plan: shellPlan('echo after the crash') });
      assert.equal((await core.runs.follow(after.id, () => undefined)).status, 'succeeded', 'new runs run');

      // Every connection heard of it as it happened, and a window opened later asks for it.
      await until(() => window.pushes.some((p) => p.event === 'app.health'), 'the app.health push');
      const states = window.pushes.filter((p) => p.event === 'app.health')
        .map((p) => (p.data as { incident: HealthIncident }).incident.state);
      assert.deepEqual(states, ['recovering', 'recovered']);
      const late = client(ipc);
      assert.deepEqual((await late.call('app.health', {})).incidents.map((i) => i.id), [incident.id]);
    } finally {
      ipc.close();
      await core.close();
    }
  });

  test('a run in flight is stopped, requeued and then succeeds; its stored events are intact', async () => {
    const dataDir = join(tempDir().path, 'data');
    const core = await open(dataDir);
    try {
      const { run } = await core.runs.enqueue({ plan: shellPlan('echo one; sleep 2; echo two') });
      await published(core, run.id, 'one');
      const before = await stored(core, run.id);
      const recovered = settled(core);
      crashDatabase(dataDir, { how: 'exit' });
      const { incident } = await recovered;
      assert.equal(incident.state, 'recovered');
      assert.match(incident.error, /exit code 3/);
      assert.deepEqual(incident.requeuedRunIds, [run.id]);

      const seen: RunEvent[] = [];
      const final = await core.runs.follow(run.id, (e) => seen.push(e));
      const messages = seen.map((e) => e.message);
      assert.equal(final.status, 'succeeded', messages.join('\n'));
      assert.deepEqual(seen.slice(0, before.length).map((e) => [e.seq, e.kind, e.message]), before, 'stored events are intact');
      assert.ok(messages.some((m) => m.startsWith('reclaimed and requeued: the database stopped while it ran')), messages.join('\n'));
      assert.match(messages.filter((m) => m.startsWith('running on')).at(-1)!, /A1@.*\.1 \(attempt 1 of 1\)/, 'a new worker ran it');
      assert.equal(messages.filter((m) => m === 'two').length, 1, 'the interrupted step did not go on');
    } finally {
      await core.close();
    }
  });

  test('a database that keeps stopping: after 3 restarts within a minute the core gives up and says what to do', async () => {
    const dataDir = join(tempDir().path, 'data');
    const core = await open(dataDir);
    const { run } = await core.runs.enqueue({ plan: shellPlan('echo kept'), lane: 'A' });
    assert.equal((await core.runs.follow(run.id, () => undefined)).status, 'succeeded');
    try {
      for (let crash = 1; crash <= 3; crash++) {
        const recovered = settled(core);
        crashDatabase(dataDir);
        assert.equal((await recovered).incident.state, 'recovered', `crash ${crash}`);
      }
      const gaveUp = settled(core);
      crashDatabase(dataDir);
      const { incident, health } = await gaveUp;
      assert.equal(incident.state, 'fatal');
      assert.equal(health.status, 'fatal');
      assert.match(health.fatal!.message, /stopped 4 times within 60 s and was not restarted again \(last error: planted database crash/);
      assert.match(health.fatal!.action, /^Quit and reopen the app/);
      assert.deepEqual(core.health().incidents.map((i) => i.state), ['fatal', 'recovered', 'recovered', 'recovered']);
      const started = Date.now();
      await assert.rejects(core.runs.get(run.id), { code: 'DATABASE_UNAVAILABLE', message: /not restarted again.*Quit and reopen/ });
      assert.ok(Date.now() - started < 1000, 'calls fail at once, they do not hang');
    } finally {
      await core.close();
    }
    const reopened = await open(dataDir);
    try {
      assert.equal((await reopened.runs.get(run.id)).run.status, 'succeeded', 'the lock was released and nothing stored was lost');
    } finally {
      await reopened.close();
    }
  });
});
