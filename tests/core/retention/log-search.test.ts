import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { historyApi } from '../../../electron/core/history/history-api.ts';
import type { Sql } from '../../../electron/core/db/sql.ts';
import type { Store } from '../../../electron/core/queue/store.ts';
import { seeded } from './seeded.ts';

describe('log search (PGlite on disk, a seeded year of runs)', () => {
  let sql: Sql;
  let store: Store;
  before(async () => {
    ({ sql, store } = await seeded({ runs: 5_000, events: 50_000 }));
  });
  /** The runs a plain scan finds: lines containing `like`, newest run first. */
  const scanned = async (like: string, limit: number) => (await sql.query<{ run_id: number }>(`SELECT run_id FROM run_events
    WHERE message ILIKE $1 GROUP BY run_id ORDER BY run_id DESC LIMIT $2`, [like, limit])).rows.map((r) => r.run_id);

  test('finds the runs whose lines match, newest first, with their newest matching lines', async () => {
    const history = historyApi(store);
    const page = await history.searchLogs({ text: 'Connection REFUSED by db-3', limit: 10, linesPerRun: 2 });
    assert.deepEqual(page.hits.map((h) => h.run.id), await scanned('%connection refused by db-3%', 10));
    for (const hit of page.hits) {
      assert.equal(hit.run.status, 'failed');
      assert.ok(hit.lines.length >= 1 && hit.lines.length <= 2);
      for (const line of hit.lines) assert.match(line.message, /connection refused by db-3/i);
      assert.deepEqual(hit.lines.map((l) => l.seq), [...hit.lines.map((l) => l.seq)].sort((a, b) => a - b), 'oldest of them first');
    }
    assert.ok(page.nextBefore !== null, 'older runs match too');
  });

  test('pages through the whole history without gaps or repeats', async () => {
    const history = historyApi(store);
    const seen: number[] = [];
    let beforeRunId: number | undefined;
    for (let page = 0; page < 50; page++) {
      const result = await history.searchLogs({ text: 'refused', limit: 40, beforeRunId });
      seen.push(...result.hits.map((h) => h.run.id));
      if (result.nextBefore === null) break;
      beforeRunId = result.nextBefore;
    }
    assert.deepEqual(seen, await scanned('%refused%', 100_000));
  });

  test('a word only one line has is found across the whole history', async () => {
    const page = await historyApi(store).searchLogs({ text: 'req-c4ca4238a0b9' }); // md5('1'): run 1's request id
    assert.deepEqual(page.hits.map((h) => [h.run.id, h.lines.length, h.moreLines]), [[1, 1, false]]);
    assert.equal(page.nextBefore, null);
  });

  test('each typed word must start a word of the line; the run filter narrows it', async () => {
    const history = historyApi(store);
    assert.deepEqual((await history.searchLogs({ text: 'efused' })).hits, [], 'the middle of a word is not a word');
    const paths = await history.searchLogs({ text: 'backups', limit: 5 });
    assert.ok(paths.hits.length === 5 && paths.hits.every((h) => h.lines.every((l) => l.message.includes('/var/backups/'))),
      'a part of a path is a word');
    const sessionId = (await sql.query<{ id: number }>("SELECT min(id) AS id FROM sessions WHERE title LIKE 'session %'")).rows[0]!.id;
    const inSession = await history.searchLogs({ text: 'copied', filter: { sessionId, status: ['succeeded'] }, limit: 200 });
    assert.ok(inSession.hits.length > 0);
    assert.ok(inSession.hits.every((h) => h.run.sessionId === sessionId && h.run.status === 'succeeded'));
    const percent = await history.searchLogs({ text: '%', limit: 3 });
    assert.ok(percent.hits.length === 3 && percent.hits.every((h) => h.lines.every((l) => l.message.includes('%'))),
      'text without a word is matched as typed');
    await assert.rejects(history.searchLogs({ text: '   ' }), { code: 'INVALID_INPUT', message: /text: type something to search the logs for/ });
  });
});
