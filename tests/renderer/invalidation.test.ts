import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunEvent } from '../../shared/domain/run.ts';
import { createCoalescer, keysForEvents, keysForTopic, type QueryKey } from '../../renderer/src/data/invalidation.ts';

const event = (runId: number, kind: RunEvent['kind']): RunEvent => ({
  runId, kind, attempt: 1, stepId: null, level: 'info', message: '', payload: null, seq: 1, ts: new Date(0),
});

test('status and step events stale the board, the run, sessions and lanes; proofs only the proofs; output nothing', () => {
  const keys = keysForEvents([event(1, 'status'), event(2, 'proof'), event(3, 'output'), event(3, 'log')]);
  const names = keys.map((k) => JSON.stringify(k)).sort();
  assert.deepEqual(names, ['["artifacts",1]', '["lanes"]', '["proofs",2]', '["run",1]', '["runs"]', '["sessions"]']);
  assert.deepEqual(keysForEvents([event(1, 'output')]), []);
});

test('changed topics map to their lists', () => {
  assert.deepEqual(keysForTopic('sessions'), [['sessions']]);
  assert.deepEqual(keysForTopic('mcp'), [['mcp'], ['tools']]);
});

test('a burst is flushed once, each key once', () => {
  const flushed: QueryKey[][] = [];
  let run: (() => void) | null = null;
  const add = createCoalescer((keys) => flushed.push(keys), (fn) => { run = fn; });
  for (let i = 0; i < 100; i++) add(keysForEvents([event(1, 'step')]));
  assert.equal(flushed.length, 0);
  (run as unknown as () => void)();
  assert.equal(flushed.length, 1);
  assert.equal(flushed[0]!.length, 5);
  add([['lanes']]);
  (run as unknown as () => void)();
  assert.deepEqual(flushed[1], [['lanes']]);
});
