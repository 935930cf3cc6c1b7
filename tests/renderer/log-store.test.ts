import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunEvent } from '../../shared/domain/run.ts';
import { LogStore } from '../../renderer/src/features/run/log/log-store.ts';
import { LogView } from '../../renderer/src/features/run/log/log-view.ts';

function event(seq: number, patch: Partial<RunEvent> = {}): RunEvent {
  return {
    seq, ts: new Date(0), runId: 1, attempt: 1, stepId: 'a', kind: 'output', level: 'info',
    message: `line ${seq}`, payload: { stream: 'stdout' }, ...patch,
  };
}
const range = (from: number, to: number, patch: Partial<RunEvent> = {}) =>
  Array.from({ length: to - from + 1 }, (_, i) => event(from + i, patch));

/** A store whose frames run when the test says so. */
function manualStore() {
  const frames: Array<() => void> = [];
  const store = new LogStore((callback) => frames.push(callback));
  return { store, frame: () => frames.splice(0).forEach((run) => run()) };
}

/** A store whose first load has caught up (an empty log): from then on pushes are merged at the next frame. */
async function liveStore() {
  const manual = manualStore();
  await manual.store.load(async () => [], 1);
  manual.frame();
  return manual;
}

describe('LogStore', () => {
  it('pages until a short page, asking after the last seq held', async () => {
    const { store, frame } = manualStore();
    const asked: number[] = [];
    const pages = [range(1, 3), range(4, 6), range(7, 7)];
    await store.load(async (afterSeq) => {
      asked.push(afterSeq);
      return pages.shift() ?? [];
    }, 3);
    frame();
    assert.deepEqual(asked, [0, 3, 6]);
    assert.deepEqual(store.lines.map((l) => l.number), [1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(store.state, { phase: 'live' });
    assert.equal(store.getVersion(), 1, 'one notification per frame, however many pages');
  });

  it('holds pushes while paging, then merges them without duplicates', async () => {
    const { store, frame } = manualStore();
    let release!: () => void;
    const loading = store.load(async (afterSeq) => {
      if (afterSeq > 0) return [];
      await new Promise<void>((resolve) => (release = resolve));
      return range(1, 4);
    }, 4);
    store.receive(range(3, 6));
    frame();
    assert.equal(store.lines.length, 0, 'pushes wait for the pages');
    release();
    await loading;
    frame();
    assert.deepEqual(store.lines.map((l) => l.seq), [1, 2, 3, 4, 5, 6]);
  });

  it('batches live pushes into one notification per frame', async () => {
    const { store, frame } = await liveStore();
    let heard = 0;
    store.subscribe(() => heard++);
    store.receive([event(1)]);
    store.receive([event(2), event(2)]);
    assert.equal(store.lines.length, 0);
    frame();
    assert.equal(heard, 1);
    assert.deepEqual(store.lines.map((l) => l.seq), [1, 2]);
  });

  it('inserts a late event in seq order, renumbers output lines and bumps the generation', async () => {
    const { store, frame } = await liveStore();
    store.receive([event(1), event(3, { kind: 'step', payload: null }), event(4)]);
    frame();
    const generation = store.generation;
    store.receive([event(2), event(4)]);
    frame();
    assert.deepEqual(store.lines.map((l) => [l.seq, l.number]), [[1, 1], [2, 2], [3, 0], [4, 3]]);
    assert.equal(store.generation, generation + 1);
    store.receive([event(5)]);
    frame();
    assert.equal(store.lines.at(-1)!.number, 4, 'numbering continues after the late insert');
  });

  it('drops pushes held during a failed load, so the next load leaves no gap', async () => {
    const { store, frame } = manualStore();
    let fail!: () => void;
    const loading = store.load(async (afterSeq) => {
      if (afterSeq > 0) return [];
      await new Promise<void>((_, reject) => (fail = () => reject(new Error('socket closed'))));
      return [];
    }, 10);
    store.receive(range(5, 6)); // pushed while the first page was on its way: seqs past the unpaged 1-4
    fail();
    await loading;
    frame();
    assert.equal(store.lines.length, 0);
    store.receive(range(7, 7)); // while in error: the next load reads it from the store
    await store.load(async (afterSeq) => (afterSeq === 0 ? range(1, 7) : []), 10);
    frame();
    assert.deepEqual(store.lines.map((l) => l.seq), [1, 2, 3, 4, 5, 6, 7]);
  });

  it('reports a failed page and can load again from where it stopped', async () => {
    const { store, frame } = manualStore();
    await store.load(async () => {
      throw new Error('socket closed');
    }, 10);
    assert.deepEqual(store.state, { phase: 'error', message: 'socket closed' });
    await store.load(async (afterSeq) => (afterSeq === 0 ? range(1, 2) : []), 10);
    frame();
    assert.equal(store.lines.length, 2);
    assert.equal(store.state.phase, 'live');
  });

  it('tells stderr, system lines and ANSI apart', async () => {
    const { store, frame } = await liveStore();
    store.receive([
      event(1, { message: '\x1b[31mred\x1b[0m' }),
      event(2, { payload: { stream: 'stderr' }, level: 'warn', message: 'oops' }),
      event(3, { kind: 'log', level: 'warn', message: 'try 1 failed', payload: null }),
      event(4, { kind: 'status', stepId: null, message: 'run started', payload: null }),
    ]);
    frame();
    assert.deepEqual(store.lines.map(({ output, stderr, number, plain }) => ({ output, stderr, number, plain })), [
      { output: true, stderr: false, number: 1, plain: 'red' },
      { output: true, stderr: true, number: 2, plain: 'oops' },
      { output: false, stderr: false, number: 0, plain: '[warn] try 1 failed' },
      { output: false, stderr: false, number: 0, plain: '[status] run started' },
    ]);
  });

  it('lets a newer load take over from one in progress (a remount, a reconnect)', async () => {
    const { store, frame } = manualStore();
    let releaseFirst!: () => void;
    const first = store.load(async () => {
      await new Promise<void>((resolve) => (releaseFirst = resolve));
      return range(1, 2);
    }, 2);
    store.cancel();
    const second = store.load(async (afterSeq) => (afterSeq === 0 ? range(1, 3) : []), 5);
    await second;
    releaseFirst();
    await first;
    frame();
    assert.deepEqual(store.lines.map((l) => l.seq), [1, 2, 3]);
    assert.equal(store.state.phase, 'live');
  });
});

describe('LogView', () => {
  const source = async () => {
    const { store, frame } = await liveStore();
    store.receive([
      event(1, { kind: 'status', stepId: null, payload: null }),
      event(2, { stepId: 'a' }),
      event(3, { stepId: 'b' }),
      event(4, { stepId: 'b', kind: 'step', payload: null }),
      event(5, { stepId: 'a' }),
    ]);
    frame();
    return { store, frame };
  };

  it('filters by step and system lines, counting only output lines', async () => {
    const { store } = await source();
    const all = new LogView({ stepId: null, system: true });
    all.sync(store);
    assert.deepEqual([all.rows, all.outputCount], [[0, 1, 2, 3, 4], 3]);
    const b = new LogView({ stepId: 'b', system: false });
    b.sync(store);
    assert.deepEqual([b.rows, b.outputCount], [[2], 1]);
    assert.equal(b.text(store), 'line 3');
  });

  it('scans only new lines on a sync, and starts over after a late insert', async () => {
    const { store, frame } = await source();
    const view = new LogView({ stepId: 'a', system: false });
    view.sync(store);
    store.receive([event(7, { stepId: 'a' })]);
    frame();
    view.sync(store);
    assert.deepEqual(view.rows, [1, 4, 5]);
    store.receive([event(6, { stepId: 'a' })]);
    frame();
    view.sync(store);
    assert.deepEqual([view.rows, view.outputCount], [[1, 4, 5, 6], 4]);
  });
});
