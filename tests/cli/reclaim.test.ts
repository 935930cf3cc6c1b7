import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPostgres } from '../../electron/core/db/postgres-sql.ts';
import { cli, spawnCli, waitForLine } from '../helpers/cli.ts';
import { createDatabase } from '../helpers/postgres.ts';
import { sharedPostgres } from '../helpers/engines.ts';

test('a worker process killed mid-run: its run is requeued after the timeout and finishes on another worker', async () => {
  const url = createDatabase(await sharedPostgres(), 'reclaim');
  const db = ['--database-url', url];
  const sql = await openPostgres(url, 1);
  try {
    const first = spawnCli(['worker', ...db, '--lanes', 'A']);
    const firstId = (await waitForLine(first.stderr!, /opsroom worker: A1@/)).match(/opsroom worker: (A1@\S+?) on/)![1]!;
    const queued = await cli(['run', ...db, '--detach', '--lane', 'A', '--sh', 'echo begin; sleep 2; echo end']);
    assert.equal(queued.code, 0, queued.stderr);
    const runId = Number(queued.stdout.trim());
    await waitForLine(first.stdout!, /sh \| begin/);
    first.kill('SIGKILL');
    const killedAt = Date.now();
    await new Promise((resolve) => first.on('close', resolve));

    const second = await cli(['worker', ...db, '--lanes', 'A', '--reclaim-after', '3s', '--until-idle', '--quiet']);
    assert.equal(second.code, 0, second.stderr);
    const secondId = second.stderr.match(/opsroom worker: (A1@\S+?) on/)![1]!;

    const { rows: [run] } = await sql.query<Record<string, unknown>>('SELECT * FROM runs WHERE id = $1', [runId]);
    assert.equal(run!.status, 'succeeded');
    assert.equal(run!.attempt, 1, 'the interrupted try did not use up an attempt');
    assert.equal(run!.claim_count, 2);
    assert.equal(run!.reclaims, 1);
    assert.equal(run!.claimed_by, secondId);
    assert.notEqual(secondId, firstId);
    const { rows: events } = await sql.query<{ message: string; ts: Date }>('SELECT message, ts FROM run_events WHERE run_id = $1 ORDER BY seq', [runId]);
    const messages = events.map((e) => e.message);
    const reclaimed = events.find((e) => e.message.startsWith('reclaimed and requeued: its worker stopped heartbeating'));
    assert.ok(reclaimed, messages.join('\n'));
    assert.match(reclaimed.message, new RegExp(`worker ${firstId.replace(/[.]/g, '\\.')}, last heartbeat \\d`));
    assert.ok(reclaimed.ts.getTime() - killedAt >= 2500, 'not reclaimed before the timeout');
    assert.deepEqual(messages.filter((m) => m === 'begin' || m === 'end'), ['begin', 'begin', 'end'], 'ran again from the start, once to the end');
    assert.equal(messages.filter((m) => m.startsWith(`running on ${secondId}`)).length, 1);
  } finally {
    await sql.close();
  }
});
