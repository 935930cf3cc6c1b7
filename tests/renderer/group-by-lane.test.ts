import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunCard } from '../../shared/ipc/methods/runs.ts';
import { groupByLane } from '../../renderer/src/features/board/group-by-lane.ts';

const card = (id: number, lane: string) => ({ id, lane }) as RunCard;

test('runs go to their lane column in lane order, keeping their order; unknown lanes get a last column', () => {
  const groups = groupByLane([card(5, 'B'), card(4, 'Z'), card(3, 'A'), card(2, 'B')], ['A', 'B', 'C']);
  assert.deepEqual(groups.map((g) => [g.lane, g.runs.map((r) => r.id)]), [
    ['A', [3]], ['B', [5, 2]], ['C', []], [null, [4]],
  ]);
});

test('no extra column when every run has a lane column', () => {
  assert.deepEqual(groupByLane([card(1, 'A')], ['A']).map((g) => g.lane), ['A']);
});
