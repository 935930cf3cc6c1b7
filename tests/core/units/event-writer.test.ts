import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import type { NewRunEvent, RunEvent } from '../../../shared/domain/run.ts';
import { createEventWriter } from '../../../electron/core/executor/event-writer.ts';

const ev = (n: number): NewRunEvent => ({
  runId: 1, attempt: 1, stepId: 's', kind: 'output', level: 'info', message: `line ${n}`, payload: null,
});

/** A real asynchronous store: each append takes `delayMs`, records its batch, and gives seq numbers. */
function store(delayMs = 5, fail?: (batchIndex: number) => Error | undefined) {
  const batches: string[][] = [];
  const stored: string[] = [];
  const published: string[] = [];
  const trace: string[] = [];
  let seq = 0;
  const append = async (events: NewRunEvent[]): Promise<RunEvent[]> => {
    const index = batches.length;
    batches.push(events.map((e) => e.message));
    trace.push(`append ${index}`);
    await sleep(delayMs);
    const error = fail?.(index);
    if (error) throw error;
    stored.push(...events.map((e) => e.message));
    trace.push(`stored ${index}`);
    return events.map((e) => ({ ...e, seq: ++seq, ts: new Date() }));
  };
  const publish = (events: RunEvent[]) => {
    for (const e of events) {
      assert.ok(stored.includes(e.message), `published "${e.message}" before it was stored`);
      published.push(e.message);
    }
    trace.push(`publish ${events.length}`);
  };
  return { append, publish, batches, stored, published, trace };
}

describe('createEventWriter', () => {
  test('stores and publishes every event, in push order', async () => {
    const s = store(2);
    const writer = createEventWriter(s.append, s.publish);
    const pushed: string[] = [];
    for (let i = 0; i < 50; i++) {
      writer.push(ev(i));
      pushed.push(`line ${i}`);
      if (i % 7 === 0) await sleep(1);
    }
    await writer.flush();
    assert.deepEqual(s.stored, pushed);
    assert.deepEqual(s.published, pushed);
    assert.deepEqual(s.batches.flat(), pushed, 'each event is appended exactly once');
  });

  test('publishes a batch only after its append resolved', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const published: RunEvent[][] = [];
    const writer = createEventWriter(async (events) => {
      await gate;
      return events.map((e, i) => ({ ...e, seq: i + 1, ts: new Date() }));
    }, (events) => published.push(events));
    writer.push(ev(1));
    await sleep(20);
    assert.equal(published.length, 0, 'nothing published while the write is in flight');
    release();
    await writer.flush();
    assert.deepEqual(published.map((b) => b.map((e) => e.seq)), [[1]]);
  });

  test('a quiet stream gets one append per event', async () => {
    const s = store(1);
    const writer = createEventWriter(s.append, s.publish);
    for (let i = 0; i < 3; i++) {
      writer.push(ev(i));
      await writer.flush();
    }
    assert.deepEqual(s.batches, [['line 0'], ['line 1'], ['line 2']]);
  });

  test('events pushed while a write is in flight are batched together', async () => {
    const s = store(20);
    const writer = createEventWriter(s.append, s.publish);
    writer.push(ev(0)); // starts a write at once
    for (let i = 1; i <= 50; i++) writer.push(ev(i)); // all arrive during it
    await writer.flush();
    assert.deepEqual(s.batches.map((b) => b.length), [1, 50]);
    assert.deepEqual(s.trace, ['append 0', 'stored 0', 'publish 1', 'append 1', 'stored 1', 'publish 50']);
  });

  test('a flood is written in batches of at most 1000', async () => {
    const s = store(5);
    const writer = createEventWriter(s.append, s.publish);
    for (let i = 0; i < 2501; i++) writer.push(ev(i));
    await writer.flush();
    assert.deepEqual(s.batches.map((b) => b.length), [1, 1000, 1000, 500]);
    assert.equal(s.published.length, 2501);
  });

  test('flush waits for events pushed while it is waiting', async () => {
    const s = store(10);
    const writer = createEventWriter(s.append, s.publish);
    writer.push(ev(0));
    const flushed = writer.flush();
    await sleep(2);
    writer.push(ev(1));
    await flushed;
    assert.deepEqual(s.published, ['line 0', 'line 1']);
  });

  test('flush with nothing pushed resolves at once', async () => {
    const s = store();
    await createEventWriter(s.append, s.publish).flush();
    assert.equal(s.batches.length, 0);
  });

  test('a failed append surfaces from flush with a clear message, and its events are not published', async () => {
    const s = store(5, (index) => (index === 1 ? new Error('disk full') : undefined));
    const writer = createEventWriter(s.append, s.publish);
    writer.push(ev(0));
    writer.push(ev(1));
    writer.push(ev(2));
    await assert.rejects(writer.flush(), (error: Error) => {
      assert.match(error.message, /could not store the run's events: disk full/);
      return true;
    });
    assert.deepEqual(s.published, ['line 0']);
    assert.ok(!s.published.includes('line 1') && !s.published.includes('line 2'));
  });

  test('a synchronous throw in append is also reported by flush (and flush returns)', () => {
    // Run in a child process: if flush never settles it spins the microtask queue, which would hang this one.
    const script = `
      import { createEventWriter } from ${JSON.stringify(new URL('../../../electron/core/executor/event-writer.ts', import.meta.url).href)};
      const writer = createEventWriter(() => { throw new Error('not connected'); }, () => undefined);
      writer.push({ runId: 1, attempt: 1, stepId: 's', kind: 'log', level: 'info', message: 'x', payload: null });
      writer.flush().then(() => console.log('resolved'), (error) => console.log('rejected: ' + error.message));
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 3000 });
    assert.equal(child.signal, null, 'flush never settled: the child had to be killed after 3 s');
    assert.match(child.stdout, /rejected: could not store the run's events: not connected/);
  });
});
