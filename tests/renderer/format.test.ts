import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstLine, formatDuration, formatRelative } from '../../renderer/src/data/format.ts';

test('durations read short', () => {
  assert.equal(formatDuration(420), '420 ms');
  assert.equal(formatDuration(12_400), '12 s');
  assert.equal(formatDuration(185_000), '3 m 05 s');
  assert.equal(formatDuration(3_720_000), '1 h 02 m');
  assert.equal(formatDuration(-5), '0 ms');
});

test('relative times', () => {
  const now = new Date('2025-03-02T12:00:00Z');
  assert.equal(formatRelative(new Date('2025-03-02T11:59:50Z'), now), 'just now');
  assert.equal(formatRelative(new Date('2025-03-02T11:55:00Z'), now), '5 min ago');
  assert.equal(formatRelative(new Date('2025-03-02T09:00:00Z'), now), '3 h ago');
  assert.equal(formatRelative(new Date('2025-02-28T12:00:00Z'), now), '2 d ago');
});

test('first line of an error', () => {
  assert.equal(firstLine('  boom\nstack'), 'boom');
  assert.equal(firstLine(''), '');
});
