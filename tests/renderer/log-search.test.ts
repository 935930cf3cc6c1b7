import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunEvent } from '../../shared/domain/run.ts';
import { parseAnsi } from '../../renderer/src/features/run/ansi.ts';
import { findHits, highlight, searchPattern } from '../../renderer/src/features/run/log/highlight.ts';
import { LogSearch, MAX_MATCHES } from '../../renderer/src/features/run/log/log-search.ts';
import { LogStore } from '../../renderer/src/features/run/log/log-store.ts';
import { LogView } from '../../renderer/src/features/run/log/log-view.ts';

async function storeWith(messages: string[]) {
  const frames: Array<() => void> = [];
  const store = new LogStore((callback) => frames.push(callback));
  await store.load(async () => [], 1); // caught up: pushes are merged from here on
  const events: RunEvent[] = messages.map((message, i) => ({
    seq: i + 1, ts: new Date(0), runId: 1, attempt: 1, stepId: 'a', kind: 'output', level: 'info', message,
    payload: { stream: 'stdout' },
  }));
  store.receive(events);
  frames.splice(0).forEach((run) => run());
  return store;
}

describe('searchPattern and findHits', () => {
  it('matches the text literally and case-insensitively', () => {
    assert.deepEqual(findHits('a.b A.B axb', searchPattern('a.b')!), [{ start: 0, end: 3 }, { start: 4, end: 7 }]);
    assert.deepEqual(findHits('[x] (y)', searchPattern('(y)')!), [{ start: 4, end: 7 }]);
    assert.equal(searchPattern(''), null);
  });

  it('does not overlap matches', () => {
    assert.deepEqual(findHits('aaaa', searchPattern('aa')!).map((h) => h.start), [0, 2]);
  });
});

describe('highlight', () => {
  it('marks a hit that spans two colours in both, and the current hit apart', () => {
    const segments = parseAnsi('\x1b[31merr\x1b[0mor: error');
    const pieces = highlight(segments, [{ start: 1, end: 5, current: true }, { start: 7, end: 10, current: false }]);
    assert.deepEqual(pieces.map((p) => [p.text, p.mark, p.style.fg]), [
      ['e', 'none', { palette: 1 }],
      ['rr', 'current', { palette: 1 }],
      ['or', 'current', null],
      [': ', 'none', null],
      ['err', 'match', null],
      ['or', 'none', null],
    ]);
  });

  it('keeps the text whole without hits', () => {
    assert.deepEqual(highlight(parseAnsi('plain'), []).map((p) => [p.text, p.mark]), [['plain', 'none']]);
  });
});

describe('LogSearch', () => {
  it('lists every occurrence by view row and grows with the view', async () => {
    const store = await storeWith(['error one', 'fine', 'ERROR and error']);
    const view = new LogView({ stepId: null, system: true });
    view.sync(store);
    const search = new LogSearch(searchPattern('error')!);
    search.sync(view, store);
    assert.deepEqual([search.row, search.nth], [[0, 2, 2], [0, 0, 1]]);
    assert.equal(search.firstFrom(1), 1);
    assert.equal(search.firstFrom(3), 0, 'wraps round past the last match');
  });

  it('stops counting at MAX_MATCHES', async () => {
    const store = await storeWith([`${'x'.repeat(MAX_MATCHES)}x`]);
    const view = new LogView({ stepId: null, system: true });
    view.sync(store);
    const search = new LogSearch(searchPattern('x')!);
    search.sync(view, store);
    assert.equal(search.count, MAX_MATCHES);
    assert.equal(search.capped, true);
  });
});
