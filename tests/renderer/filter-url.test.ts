import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EMPTY_FILTER, formatFilter, isFilterEmpty, parseFilter, toRunQuery, type BoardFilter,
} from '../../renderer/src/features/board/filter-url.ts';

const full: BoardFilter = {
  status: ['running', 'failed'],
  lanes: ['A', 'C'],
  sessionId: 3,
  text: 'nginx restart, now',
  searchLogs: false,
  since: { preset: '24h' },
  until: new Date('2025-03-01T10:30:00.000Z'),
};

test('a filter survives the URL: format then parse gives it back', () => {
  assert.deepEqual(parseFilter(formatFilter(full)), full);
  const absolute: BoardFilter = { ...EMPTY_FILTER, since: { at: new Date('2025-02-01T00:00:00.000Z') } };
  assert.deepEqual(parseFilter(formatFilter(absolute)), absolute);
});

test('the URL is canonical and readable: fixed field order, statuses in board order, commas and colons kept', () => {
  assert.equal(formatFilter(full),
    'status=running,failed&lane=A,C&session=3&q=nginx%20restart,%20now&since=24h&until=2025-03-01T10:30:00.000Z');
  assert.equal(formatFilter(EMPTY_FILTER), '');
  assert.ok(isFilterEmpty({ ...EMPTY_FILTER, text: '   ' }));
});

test('a hand-written URL parses: a leading "?", "+" for spaces, duplicates', () => {
  const filter = parseFilter('?status=failed,failed,queued&lane=B&q=disk+full');
  assert.deepEqual(filter.status, ['queued', 'failed']);
  assert.deepEqual(filter.lanes, ['B']);
  assert.equal(filter.text, 'disk full');
});

test('values that do not parse are dropped, not thrown', () => {
  const filter = parseFilter('status=failed,bogus&lane=A,no%20spaces&session=-2&since=yesterday&until=not-a-date');
  assert.deepEqual(filter, { ...EMPTY_FILTER, status: ['failed'], lanes: ['A'] });
  assert.equal(parseFilter('session=1.5').sessionId, null);
  assert.equal(parseFilter(`q=${'x'.repeat(300)}`).text.length, 200);
});

test('toRunQuery resolves a relative since against now and leaves empty fields out', () => {
  const now = new Date('2025-03-02T12:00:00.000Z');
  assert.deepEqual(toRunQuery(full, now), {
    status: ['running', 'failed'],
    lane: ['A', 'C'],
    sessionId: 3,
    text: 'nginx restart, now',
    since: new Date('2025-03-01T12:00:00.000Z'),
    until: new Date('2025-03-01T10:30:00.000Z'),
  });
  assert.deepEqual(toRunQuery(EMPTY_FILTER, now), {});
  assert.deepEqual(toRunQuery({ ...EMPTY_FILTER, since: { preset: '1h' } }, now).since, new Date('2025-03-02T11:00:00.000Z'));
});

test('the log search mode (issue 8) is in the URL; the runs query then leaves the text to the log search', () => {
  const logs: BoardFilter = { ...EMPTY_FILTER, text: 'connection refused', searchLogs: true, status: ['failed'] };
  assert.equal(formatFilter(logs), 'status=failed&q=connection%20refused&in=logs');
  assert.deepEqual(parseFilter(formatFilter(logs)), logs);
  assert.deepEqual(toRunQuery(logs, new Date()), { status: ['failed'] });
  assert.equal(parseFilter('in=titles').searchLogs, false);
});
