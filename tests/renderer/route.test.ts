import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boardHash, parseRoute, runHash } from '../../renderer/src/app/route.ts';

test('hash routes', () => {
  assert.deepEqual(parseRoute(''), { name: 'board', query: '' });
  assert.deepEqual(parseRoute('#/'), { name: 'board', query: '' });
  assert.deepEqual(parseRoute('#/?status=failed&q=a%3Fb'), { name: 'board', query: 'status=failed&q=a%3Fb' });
  assert.deepEqual(parseRoute('#/runs/42'), { name: 'run', id: 42 });
  assert.deepEqual(parseRoute('#/servers'), { name: 'servers' });
  assert.deepEqual(parseRoute('#/schedules'), { name: 'schedules' });
  assert.deepEqual(parseRoute('#/runs/0'), { name: 'notFound', path: '/runs/0' });
  assert.deepEqual(parseRoute('#/runs/abc'), { name: 'notFound', path: '/runs/abc' });
});

test('hashes round-trip', () => {
  assert.equal(boardHash(''), '#/');
  assert.deepEqual(parseRoute(boardHash('lane=A')), { name: 'board', query: 'lane=A' });
  assert.deepEqual(parseRoute(runHash(7)), { name: 'run', id: 7 });
});
