import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openPglite } from '../../electron/core/db/pglite-sql.ts';
import { cli, spawnCli, waitForLine } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

const KILLS = Number(process.env.OPSROOM_CRASH_KILLS ?? 20);

// Prints a numbered line every 5 ms for 2-3 s: the kill always lands mid-output.
const STEP = 'for i in $(seq 1 400); do echo "line $i"; sleep 0.005; done';

test(`the CLI killed with SIGKILL mid-run ${KILLS} times: committed events survive, runs are reclaimed, the folder opens cleanly`, async () => {
  const dataDir = join(tempDir().path, 'data');
  const printed = new Map<number, string>(); // seq -> message, as printed after the event was stored
  const killedRuns = new Set<number>();
  for (let i = 0; i < KILLS; i++) {
    // One lane: each start first finishes the run the last kill left (it is older), then starts its own, which
    // the next kill interrupts. Spread over lanes, a run could be killed five times and be failed by design.
    const child = spawnCli(['run', '--data-dir', dataDir, '--lane', 'A', '--json', '--sh', STEP]);
    let buffer = '';
    child.stdout!.on('data', (chunk) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        const event = JSON.parse(line);
        printed.set(event.seq, event.message);
        if (event.kind === 'output') killedRuns.add(event.runId);
      }
    });
    // Each start must open the folder the last kill left behind: this is the "opens cleanly" check.
    await waitForLine(child.stdout!, /"kind":"output"/, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 400));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('close', resolve));
  }
  assert.equal(killedRuns.size, KILLS, 'every iteration was killed while its run was printing');

  // Restart: a worker recovers what the kills left running and runs it to the end.
  const worker = await cli(['worker', '--data-dir', dataDir, '--until-idle', '--quiet']);
  assert.equal(worker.code, 0, worker.stderr);

  const sql = await openPglite(join(dataDir, 'pgdata'));
  try {
    const stored = new Map<number, string>();
    const { rows } = await sql.query<{ seq: number; message: string }>('SELECT seq, message FROM run_events');
    for (const row of rows) stored.set(row.seq, row.message);
    const missing = [...printed].filter(([seq, message]) => stored.get(seq) !== message);
    assert.deepEqual(missing, [], 'every event a killed process had printed (so committed) is stored');

    const runs = await sql.query<{ id: number; status: string; reclaims: number }>('SELECT id, status, reclaims FROM runs ORDER BY id');
    assert.equal(runs.rows.length, KILLS);
    assert.deepEqual(runs.rows.filter((r) => r.status !== 'succeeded'), [], 'every killed run was reclaimed and finished');
    assert.ok(runs.rows.every((r) => r.reclaims === 1), 'each run was taken back once, after the kill that interrupted it');
    const recovered = await sql.query<{ n: number }>("SELECT count(DISTINCT run_id) AS n FROM run_events WHERE message LIKE 'reclaimed and requeued: recovered:%'");
    assert.equal(recovered.rows[0]!.n, KILLS, 'each run says it was recovered');
    const lastLines = await sql.query<{ n: number }>("SELECT count(*) AS n FROM run_events WHERE message = 'line 400'");
    assert.ok(lastLines.rows[0]!.n >= KILLS, 'every run printed to the end once it was rerun');

    // Index and heap agree (a corrupted folder shows up as a mismatch, pglite-facts Q2).
    for (const table of ['runs', 'run_events']) {
      const heap = await sql.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
      await sql.exec('SET enable_seqscan = off');
      const index = await sql.query<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${table === 'runs' ? 'id' : 'seq'} > 0`);
      await sql.exec('RESET enable_seqscan');
      assert.equal(index.rows[0]!.n, heap.rows[0]!.n, `${table}: index and heap agree`);
    }
  } finally {
    await sql.close();
  }
});
