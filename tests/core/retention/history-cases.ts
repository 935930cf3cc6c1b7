import type { RunFilter } from '../../../shared/domain/run.ts';
import type { LogWindowRequest } from '../../../electron/core/queue/statements/search-logs.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The board's filters, alone and combined, as a person sets them (seeded history: tests/helpers/history-seed.ts,
 * runs spread over a year, sessions on every other run, a few failed and cancelled). The limit is the board's.
 */
export function historyFilters(now: number, sessionId: number): [string, RunFilter][] {
  const ago = (ms: number) => new Date(now - ms);
  return [
    ['no filter', {}],
    ['status failed', { status: ['failed'] }],
    ['status cancelled', { status: ['cancelled'] }],
    ['status failed or cancelled', { status: ['failed', 'cancelled'] }],
    ['status queued', { status: ['queued'] }],
    ['status running', { status: ['running'] }],
    ['lane A', { lane: ['A'] }],
    ['lane A, cancelled', { lane: ['A'], status: ['cancelled'] }],
    ['session', { sessionId }],
    ['text, common word', { text: 'nginx' }],
    ['text, rare', { text: 'zzzz' }],
    ['text, an error', { text: 'refused by db-3:' }],
    ['since an hour ago', { since: ago(HOUR) }],
    ['since a day ago', { since: ago(DAY) }],
    ['until 300 days ago', { until: ago(300 * DAY) }],
    ['one day, 200 days ago', { since: ago(200 * DAY), until: ago(199 * DAY) }],
    ['failed in the last day', { status: ['failed'], since: ago(DAY) }],
    ['session and text', { sessionId, text: 'backup' }],
    ['lane, status and a week', { lane: ['B'], status: ['succeeded'], since: ago(7 * DAY) }],
  ].map(([label, filter]) => [label as string, { limit: 200, ...(filter as RunFilter) }]);
}

/** Log search windows: the first (newest 2,000 runs) and the widest (all of history), a rare and a common word;
 * without their `words` (the store's searchQuery of the text). */
export function logWindows(lastRunId: number, sessionId: number): [string, Omit<LogWindowRequest, 'words'>][] {
  const window = (text: string, width: number, filter: LogWindowRequest['filter'] = {}): Omit<LogWindowRequest, 'words'> =>
    ({ text, filter, afterRunId: Math.max(0, lastRunId - width), upToRunId: lastRunId, lines: 500 });
  return [
    ['logs, rare word, newest window', window('req-c4ca4238a0b9', 2_000)],
    ['logs, rare word, all history', window('req-c4ca4238a0b9', lastRunId)],
    ['logs, an error, all history', window('connection refused by db-3', lastRunId)],
    ['logs, common word, newest window', window('copied', 2_000)],
    ['logs, common word, all history', window('copied', lastRunId)],
    ['logs, a path, in a session', window('/var/backups', lastRunId, { sessionId })],
    ['logs, failed runs only', window('refused', lastRunId, { status: ['failed'] })],
  ];
}
