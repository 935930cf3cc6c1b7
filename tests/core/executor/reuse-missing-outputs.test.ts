import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openPglite } from '../../../electron/core/db/pglite-sql.ts';
import { createCore } from '../../../electron/core/index.ts';
import { finished, plan, runPlan, sh, startCore } from './executor-core.ts';

test('a reused step whose source run kept no outputs (stored before they were) refuses the resume and says why', async () => {
  const started = await startCore();
  const work = join(started.dir, 'work');
  mkdirSync(work);
  const first = await runPlan(started.core, plan('build then use', [
    sh('build', 'echo built'),
    sh('use', 'test -f fixed', { needs: ['build'], input: { command: 'test -f fixed', cwd: work } }),
  ]));
  assert.equal(first.final.status, 'failed', first.log);
  const id = first.final.id;
  await started.core.close();
  // As a run finished before migration 0007 is stored: no outputs on its steps.
  const sql = await openPglite(join(started.dataDir, 'pgdata'));
  await sql.query('UPDATE run_steps SET outputs = NULL WHERE run_id = $1', [id]);
  await sql.close();

  const core = await createCore({ dataDir: started.dataDir, lanes: ['A'], pollMs: 100 });
  try {
    const resumed = await finished(core, (await core.runs.rerun(id, { kind: 'resume' })).id);
    assert.equal(resumed.final.status, 'failed', resumed.log);
    assert.equal(resumed.final.error, `resume refused: step build's recorded outcome (run ${id}) no longer holds — run ${id} kept no `
      + `outputs of the step (it ran before outputs were recorded), so its exit_code and output verifiers cannot be re-checked; `
      + `rerun from build: opsroom runs rerun ${id} --from build`);
    assert.deepEqual(resumed.steps.map((s) => [s.stepId, s.status, s.settledBy]), [['build', 'failed', 'reuse'], ['use', 'skipped', 'run']]);
  } finally {
    await core.close();
  }
});
