import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PlanOutline } from '../../shared/ipc/methods/runs.ts';
import { suggest } from '../../renderer/src/features/command-bar/suggestions.ts';

const plan = (id: number, name: string, pinned: boolean): PlanOutline & { pinned: boolean } =>
  ({ id, name, description: null, contentHash: 'h', params: {}, steps: [], createdAt: new Date(0), pinned });

test('the command bar lists pinned plans first (the ones the tray offers), each group in its own order', () => {
  const plans = [plan(9, 'deploy web', false), plan(8, 'backup', true), plan(7, 'deploy db', false), plan(3, 'deploy old', true)];
  const list = suggest('', [], plans);
  assert.deepEqual(list.map((s) => s.key), ['plan:8', 'plan:3', 'plan:9', 'plan:7']);
  assert.deepEqual(list.map((s) => s.kind === 'plan' && s.pinned), [true, true, false, false]);
  assert.deepEqual(suggest('deploy', [], plans).map((s) => s.key), ['plan:3', 'plan:9', 'plan:7'], 'filtered, pins still first');
  assert.deepEqual(suggest('', [], plans, 2).map((s) => s.key), ['plan:8', 'plan:3'], 'pins survive the cut to a page');
});
