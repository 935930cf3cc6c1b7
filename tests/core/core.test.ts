import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { RunEvent } from '../../shared/domain/run.ts';
import { createCore, shellPlan, type Core } from '../../electron/core/index.ts';
import { tempDir } from '../helpers/tmp.ts';

const messages = (events: RunEvent[]) => events.map((e) => e.message);

/** Resolves when a published event of the run has this message. */
const published = (core: Core, runId: number, message: string) => new Promise<void>((resolve) => {
  const stop = core.subscribe((events) => {
    if (events.some((e) => e.runId === runId && e.message === message)) {
      stop();
      resolve();
    }
  });
});

describe('core (embedded database, lane worker threads)', () => {
  test('a lane worker thread that crashes is restarted and its run reclaimed at once', async () => {
    const dir = tempDir().path;
    process.env.OPSROOM_TEST_CRASH_MARKER = join(dir, 'crash-once');
    writeFileSync(process.env.OPSROOM_TEST_CRASH_MARKER, '');
    const core = await createCore({
      dataDir: join(dir, 'data'), lanes: ['A'],
      workerUrls: { lane: new URL('../fixtures/crashing-lane-worker.ts', import.meta.url) },
    });
    try {
      const { run } = await core.runs.enqueue({ plan: shellPlan('echo one; sleep 3; echo two') });
      const seen: RunEvent[] = [];
      const final = await core.runs.follow(run.id, (e) => seen.push(e));
      assert.equal(final.status, 'succeeded', messages(seen).join('\n'));
      const reclaim = seen.find((e) => e.message.startsWith('reclaimed and requeued: its lane worker crashed: planted crash'));
      assert.ok(reclaim, messages(seen).join('\n'));
      assert.ok(reclaim.ts.getTime() - run.createdAt.getTime() < 4000, 'reclaimed at once, not after the 10 s heartbeat timeout');
      assert.match(messages(seen).filter((m) => m.startsWith('running on')).at(-1)!, /A1@.*\.1 \(attempt 1 of 1\)/, 'a new generation ran it');
      assert.equal(core.workers()[0]!.restarts, 1);
    } finally {
      await core.close();
      delete process.env.OPSROOM_TEST_CRASH_MARKER;
    }
  });

  test('close drains: a step that ends within the grace finishes, one that does not is requeued and runs next time', async () => {
    const dataDir = join(tempDir().path, 'data');
    const first = await createCore({ dataDir });
    const quick = (await first.runs.enqueue({ plan: shellPlan('echo quick; sleep 0.5'), lane: 'A' })).run;
    const slow = (await first.runs.enqueue({ plan: shellPlan('echo slow; sleep 10'), lane: 'B' })).run;
    await Promise.all([published(first, quick.id, 'quick'), published(first, slow.id, 'slow')]);
    await first.close({ graceMs: 1000 });

    const second = await createCore({ dataDir });
    try {
      assert.equal((await second.runs.get(quick.id)).run.status, 'succeeded');
      const seen: RunEvent[] = [];
      await second.runs.follow(slow.id, (e) => seen.push(e), { signal: AbortSignal.timeout(2000) });
      assert.ok(messages(seen).some((m) => m.startsWith('reclaimed and requeued: requeued: its worker shut down before it finished')), messages(seen).join('\n'));
      assert.ok(messages(seen).some((m) => /step sh cancelled: stopped: the worker is shutting down/.test(m)));
      assert.ok(messages(seen).filter((m) => m === 'slow').length >= 1);
      await second.runs.cancel(slow.id);
    } finally {
      await second.close({ graceMs: 0 });
    }
  });

  test('a paused lane holds its runs until resumed; cancel stops a running command within a second', async () => {
    const core = await createCore({ dataDir: join(tempDir().path, 'data') });
    try {
      await core.lanes.pause('C');
      const held = (await core.runs.enqueue({ plan: shellPlan('echo resumed'), lane: 'C' })).run;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal((await core.runs.get(held.id)).run.status, 'queued');
      await core.lanes.resume('C');
      assert.equal((await core.runs.follow(held.id, () => undefined)).status, 'succeeded');

      const long = (await core.runs.enqueue({ plan: shellPlan('echo go; sleep 30') })).run;
      await published(core, long.id, 'go');
      const asked = Date.now();
      await core.runs.cancel(long.id);
      const final = await core.runs.follow(long.id, () => undefined);
      assert.equal(final.status, 'cancelled');
      assert.ok(final.finishedAt!.getTime() - asked < 1000, `cancelled in ${final.finishedAt!.getTime() - asked} ms`);
    } finally {
      await core.close();
    }
  });

  test('every event published to subscribers was stored first, and arrives once', async () => {
    const dataDir = join(tempDir().path, 'data');
    const core = await createCore({ dataDir });
    const seen: RunEvent[] = [];
    core.subscribe((events) => seen.push(...events));
    const runs = await Promise.all(['A', 'B', 'C', 'D'].map((lane) =>
      core.runs.enqueue({ plan: shellPlan('for i in $(seq 1 300); do echo "$i"; done; echo oops >&2; exit 1'), lane, maxAttempts: 2 })));
    await Promise.all(runs.map(({ run }) => core.runs.follow(run.id, () => undefined)));
    await core.close();

    const reader = await createCore({ dataDir, runWorkers: false });
    try {
      const stored = new Map<number, string>();
      for (const { run } of runs) {
        for (const e of await reader.runs.events(run.id, 0, 10_000)) stored.set(e.seq, e.message);
        assert.equal((await reader.runs.get(run.id)).run.status, 'failed');
      }
      assert.equal(new Set(seen.map((e) => e.seq)).size, seen.length, 'no event published twice');
      assert.deepEqual(seen.filter((e) => stored.get(e.seq) !== e.message), [], 'each published event is stored as published');
      assert.equal(seen.length, stored.size, 'and every stored event was published');
      assert.ok(stored.size > 4 * 2 * 300);
    } finally {
      await reader.close();
    }
  });
});
