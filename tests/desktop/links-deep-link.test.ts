import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OpenTargetSchema } from '../../shared/ipc/events.ts';
import { BOARD_FILTER_KEYS, DeepLinkError, MAX_DEEP_LINK_LENGTH, parseDeepLink } from '../../electron/main/links/deep-link.ts';

// opsroom:// links are untrusted input (any web page can hold one): two actions that only show something.

const refused = (link: string, message: RegExp) =>
  assert.throws(() => parseDeepLink(link), (e: unknown) => e instanceof DeepLinkError && message.test(e.message), link);

test('a run, by path or by ?id=', () => {
  for (const link of ['opsroom://run/42', 'opsroom://run/42/', 'opsroom://run?id=42', 'opsroom://run/?id=42', 'opsroom://RUN/42', 'OPSROOM://run/42']) {
    assert.deepEqual(parseDeepLink(link), { kind: 'run', runId: 42 }, link);
  }
  assert.deepEqual(parseDeepLink('opsroom://run/999999999999999'), { kind: 'run', runId: 999999999999999 });
});

test('a bad or missing run id says so', () => {
  for (const link of ['opsroom://run', 'opsroom://run/', 'opsroom://run?id=']) refused(link, /names no run: write opsroom:\/\/run\/42/);
  for (const link of ['opsroom://run/0', 'opsroom://run/-1', 'opsroom://run/042', 'opsroom://run/4.2', 'opsroom://run/1e3',
    'opsroom://run/abc', 'opsroom://run/42/log', 'opsroom://run/1234567890123456', 'opsroom://run?id=x']) {
    refused(link, /is not a run id \(a whole number from 1/);
  }
  refused('opsroom://run/42?id=42', /given more than once/);
  refused('opsroom://run?id=1&id=2', /given more than once/);
  refused('opsroom://run/42?start=1', /opsroom:\/\/run takes no "start" parameter/);
});

test('the board, keeping its known filters, re-encoded', () => {
  assert.deepEqual(parseDeepLink('opsroom://board'), { kind: 'board', query: '' });
  assert.deepEqual(parseDeepLink('opsroom://board/?'), { kind: 'board', query: '' });
  assert.deepEqual(parseDeepLink('opsroom://board?status=failed&session=3'), { kind: 'board', query: 'status=failed&session=3' });
  assert.deepEqual(parseDeepLink('opsroom://board?status=failed,running&lane=A&q=nginx%20restart&since=24h&until=2026-01-01T00:00:00Z'),
    { kind: 'board', query: 'status=failed%2Crunning&lane=A&q=nginx+restart&since=24h&until=2026-01-01T00%3A00%3A00Z' });
  assert.deepEqual(BOARD_FILTER_KEYS, ['status', 'lane', 'session', 'q', 'since', 'until']);
});

test('unknown or repeated board filters are refused, not dropped', () => {
  refused('opsroom://board?status=failed&sesion=3', /unknown board filter "sesion": the filters are status, lane, session, q, since, until/);
  refused('opsroom://board?status=failed&status=running', /"status" is given twice: list several values once, as status=failed,running/);
  refused('opsroom://board/failed', /takes its filter as a query/);
  refused(`opsroom://board?q=${','.repeat(700)}`, /the board filter is too long/); // ',' re-encodes as %2C
});

test('plan links are refused: a link must never make the app read a file', () => {
  for (const link of ['opsroom://plan?path=/etc/passwd', 'opsroom://plan?path=C:\\x.opsplan.json', 'opsroom://plan/3']) {
    refused(link, /opsroom:\/\/plan links are refused: a link must not make the app read a file\. Open the \.opsplan\.json file itself/);
  }
});

test('nothing starts a run: unknown actions are refused by name', () => {
  for (const action of ['start', 'runPlan', 'retry', 'exec', 'settings']) {
    refused(`opsroom://${action}/1`, new RegExp(`unknown link action "${action.toLowerCase()}": links open a run or the Runboard`));
  }
});

test('malformed links say what is wrong', () => {
  refused('https://example.com/run/1', /not an opsroom:\/\/ link \(it starts with "https:"\)/);
  refused('opsroom-evil://run/1', /not an opsroom:\/\/ link/);
  refused('not a url', /not a valid URL/);
  refused('', /not a valid URL/);
  refused('opsroom:run/1', /names no action: write it as opsroom:\/\/run\/42/);
  refused('opsroom:///run/1', /names no action/);
  refused('opsroom://user:pw@run/1', /user name or password is refused/);
  refused('opsroom://user@run/1', /user name or password is refused/);
  refused('opsroom://run:8080/1', /port is refused/);
  refused('opsroom://run/1#log', /#fragment is refused/);
  refused(`opsroom://board?q=${'a'.repeat(MAX_DEEP_LINK_LENGTH)}`, /characters long: at most 2048 are accepted/);
});

test('whatever parses is a valid app.open target', () => {
  for (const link of ['opsroom://run/7', 'opsroom://board?q=%E2%9C%93&lane=B', 'opsroom://board']) {
    assert.ok(OpenTargetSchema.safeParse(parseDeepLink(link)).success, link);
  }
});
