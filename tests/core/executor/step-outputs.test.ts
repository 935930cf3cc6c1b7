import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { MAX_STORED_STREAM_BYTES } from '../../../electron/core/executor/step-outputs.ts';
import { finished, plan, runPlan, sh, startCore, withStore } from './executor-core.ts';

const SECRET = 'tok-3f9a71c2-secret';

test('each finished step stores its outputs: exit code, streams capped at 256 KiB (truncated noted), secrets masked', async () => {
  const { core, dir, dataDir } = await startCore();
  const work = join(dir, 'work');
  mkdirSync(work);
  let ids: { run: number; resume: number };
  try {
    const first = await runPlan(core, plan('outputs', [
      // 300,000 x's then a line: more than the stored cap of one stream, less than the captured 1 MiB.
      sh('big', 'head -c 300000 /dev/zero | tr "\\0" x; echo; echo tail-line; echo "a warning" >&2'),
      { id: 'secretive', tool: 'shell', input: { command: 'echo "token=$TOKEN"; exit 3', env: { TOKEN: '${params.token}' } },
        verify: [{ kind: 'exit_code', expect: 3 }] },
      { id: 'last', tool: 'shell', needs: ['big', 'secretive'], input: { command: 'test -f fixed', cwd: work }, verify: [{ kind: 'exit_code' }] },
    ], { params: { token: { type: 'secret' } } }), { token: SECRET });
    assert.equal(first.final.status, 'failed', first.log);
    const resumed = await core.runs.rerun(first.final.id, { kind: 'resume' });
    await finished(core, resumed.id);
    ids = { run: first.final.id, resume: resumed.id };
  } finally {
    await core.close();
  }

  await withStore(dataDir, async (store) => {
    const { rows } = await store.localQuery('SELECT step_id, outputs FROM run_steps WHERE run_id = $1 ORDER BY idx', [ids.run]);
    const outputs = Object.fromEntries(rows.map(([id, value]) => [id, value as Record<string, unknown>]));
    const big = outputs.big!;
    assert.equal(Buffer.byteLength(big.stdout as string), MAX_STORED_STREAM_BYTES);
    // The head of the stream (long lines come in 16 KiB pieces); a message, not the 256 KiB, if it is not.
    assert.ok(/^[x\n]+$/.test(big.stdout as string), `stdout is not the head of the stream: …${(big.stdout as string).slice(-40)}`);
    assert.deepEqual([big.exitCode, big.stderr, big.truncated, big.result], [0, 'a warning', true, null]);
    assert.deepEqual(outputs.secretive, { exitCode: 3, stdout: 'token=***', stderr: '', truncated: false, result: null });
    assert.deepEqual(outputs.last, { exitCode: 1, stdout: '', stderr: '', truncated: false, result: null }, 'a failed step keeps its outputs too');

    // What the resumed run reuses: the source's stored outputs and final passing proof of each verifier.
    const reused = await store.listReusedSteps(ids.resume);
    assert.deepEqual(reused.map((r) => [r.stepId, r.sourceRunId, r.sourceStatus, r.sourceSettledBy]),
      [['big', ids.run, 'succeeded', 'run'], ['secretive', ids.run, 'succeeded', 'run']]);
    assert.deepEqual(reused.find((r) => r.stepId === 'secretive')!.outputs, outputs.secretive);
    const { rows: sourceProofs } = await store.localQuery(
      `SELECT id, step_id, seq FROM proofs WHERE run_id = $1 AND phase = 'after' AND passed ORDER BY id`, [ids.run]);
    for (const r of reused) {
      assert.deepEqual(r.proofs, sourceProofs.filter(([, step]) => step === r.stepId).map(([id, , seq]) => ({ id: Number(id), seq, kind: 'exit_code' })));
    }
    // The resumed run's copies of the reused outputs, and no secret anywhere in what either run stored.
    const { rows: copied } = await store.localQuery(`SELECT outputs FROM run_steps WHERE run_id = $1 AND step_id = 'secretive'`, [ids.resume]);
    assert.deepEqual(copied[0]![0], outputs.secretive);
    const { rows: leaks } = await store.localQuery(
      `SELECT count(*)::int FROM run_steps WHERE run_id = ANY($1::bigint[]) AND (outputs::text LIKE $2 OR coalesce(error, '') LIKE $2)`,
      [[ids.run, ids.resume], `%${SECRET}%`]);
    assert.equal(leaks[0]![0], 0);
  });
});
