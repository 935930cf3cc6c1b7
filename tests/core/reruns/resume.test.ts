import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createCore, type Core } from '../../../electron/core/index.ts';
import { tempDir } from '../../helpers/tmp.ts';
import { runsOf, threeSteps } from './plans.ts';

/** Everything stored of a run: what a rerun must leave exactly as it was. */
async function snapshot(core: Core, id: number) {
  const { run, steps } = await core.runs.get(id);
  return { run, steps, proofs: await core.proofs.list(id), events: await core.runs.events(id, 0, 10_000) };
}

const finish = (core: Core, id: number) => core.runs.follow(id, () => undefined);

// One core (PGlite on disk, real lane workers) for the file: each test makes its own folder and plan run.
describe('resume a failed run (real core, embedded database)', () => {
  let core: Core;
  before(async () => { core = await createCore({ dataDir: join(tempDir().path, 'data') }); });
  after(() => core.close());

  test('the cause fixed, resume runs only the failed step: the others are reused, not run again', async () => {
    const dir = tempDir().path;
    const { run } = await core.runs.enqueue({ plan: threeSteps(dir) });
    const failed = await finish(core, run.id);
    assert.equal(failed.status, 'failed');
    assert.deepEqual([runsOf(dir, 'make'), runsOf(dir, 'build'), runsOf(dir, 'check')], [1, 1, 1]);
    const before = await snapshot(core, run.id);

    writeFileSync(join(dir, 'fixed.txt'), 'the cause, fixed\n');
    const resumed = await core.runs.rerun(run.id, { kind: 'resume' });
    assert.notEqual(resumed.id, run.id);
    assert.deepEqual([resumed.parentRunId, resumed.rerunKind, resumed.title], [run.id, 'resume', run.title]);
    const done = await finish(core, resumed.id);
    assert.equal(done.status, 'succeeded', done.error ?? '');

    assert.deepEqual([runsOf(dir, 'make'), runsOf(dir, 'build'), runsOf(dir, 'check')], [1, 1, 2],
      'make and build did not run again; check did');
    const { steps } = await core.runs.get(resumed.id);
    assert.deepEqual(steps.map((s) => [s.stepId, s.status, s.settledBy, s.reusedFrom]), [
      ['make', 'succeeded', 'reuse', run.id],
      ['build', 'succeeded', 'reuse', run.id],
      ['check', 'succeeded', 'run', null],
    ]);
    // check's output verifier matched "saw built-42": build's recorded stdout reached it without build running.
    const proofs = await core.proofs.list(resumed.id);
    const old = before.proofs;
    const recheck = proofs.find((p) => p.stepId === 'make' && p.verifierKind === 'file');
    assert.ok(recheck, 'the reused step was re-checked');
    assert.equal(recheck.phase, 'recheck');
    assert.equal(recheck.passed, true);
    assert.equal(recheck.recheckOf, old.find((p) => p.stepId === 'make' && p.verifierKind === 'file')!.id);
    assert.ok(proofs.some((p) => p.stepId === 'check' && p.verifierKind === 'output' && p.passed && p.phase === 'after'));

    assert.deepEqual(await snapshot(core, run.id), before, 'the original run is unchanged');
    const history = await core.runs.reruns(run.id);
    assert.deepEqual(history.children.map((c) => [c.id, c.rerunKind, c.status, c.drift]), [[resumed.id, 'resume', 'succeeded', []]]);
    const own = await core.runs.reruns(resumed.id);
    assert.deepEqual(own.parent, { id: run.id, status: 'failed', title: run.title });
    assert.ok(own.rechecks.some((c) => c.stepId === 'make' && c.passed && c.of?.runId === run.id && c.of.passed));
  });

  test('a step-1 proof that no longer holds refuses the resume, says why and how to go on; nothing runs', async () => {
    const dir = tempDir().path;
    const { run } = await core.runs.enqueue({ plan: threeSteps(dir) });
    assert.equal((await finish(core, run.id)).status, 'failed');
    const before = await snapshot(core, run.id);

    rmSync(join(dir, 'made.txt')); // make's recorded outcome, proved by its file verifier, no longer holds
    writeFileSync(join(dir, 'fixed.txt'), 'fixed\n'); // check would now pass: it must not run anyway
    const resumed = await core.runs.rerun(run.id, { kind: 'resume' });
    const refused = await finish(core, resumed.id);
    assert.equal(refused.status, 'failed');
    assert.match(refused.error ?? '', /^resume refused: step make's recorded outcome \(run \d+\) no longer holds — /);
    assert.match(refused.error ?? '', /file/);
    assert.match(refused.error ?? '', new RegExp(`rerun from make: opsroom runs rerun ${run.id} --from make$`));
    assert.deepEqual([runsOf(dir, 'make'), runsOf(dir, 'build'), runsOf(dir, 'check')], [1, 1, 1], 'nothing ran');

    const { steps } = await core.runs.get(resumed.id);
    // build's own re-check may hold (it is settled by reuse then); what matters is that check never started.
    const byId = new Map(steps.map((s) => [s.stepId, s]));
    assert.deepEqual([byId.get('make')!.status, byId.get('make')!.settledBy, byId.get('make')!.reusedFrom], ['failed', 'reuse', run.id]);
    assert.equal(byId.get('check')!.status, 'skipped');
    assert.equal(byId.get('check')!.startedAt, null);
    const history = await core.runs.reruns(run.id);
    assert.deepEqual(history.children[0]!.drift.map((d) => [d.stepId, d.verifierKind]), [['make', 'file']]);
    assert.deepEqual(await snapshot(core, run.id), before, 'the original run is unchanged');

    // What the refusal suggests works: rerun from make runs everything again.
    const again = await core.runs.rerun(run.id, { kind: 'from-step', fromStep: 'make' });
    assert.equal((await finish(core, again.id)).status, 'succeeded');
    assert.deepEqual([runsOf(dir, 'make'), runsOf(dir, 'build'), runsOf(dir, 'check')], [2, 2, 2]);
  });

  test('what cannot be resumed is refused at once, with what to do instead; nothing is queued', async () => {
    const dir = tempDir().path;
    writeFileSync(join(dir, 'fixed.txt'), 'fixed\n');
    const { run } = await core.runs.enqueue({ plan: threeSteps(dir) });
    const count = async () => (await core.runs.list({ limit: 1000 })).length;
    await assert.rejects(core.runs.rerun(run.id, { kind: 'resume' }), { code: 'INVALID_STATE', message: new RegExp(`run ${run.id} is still (queued|running): resume it once`) });
    assert.equal((await finish(core, run.id)).status, 'succeeded');
    const stored = await count();
    await assert.rejects(core.runs.rerun(run.id, { kind: 'resume' }),
      { code: 'INVALID_STATE', message: `run ${run.id} succeeded: there is nothing to resume; rerun it (opsroom runs rerun ${run.id}) or check it still holds (opsroom runs reprove ${run.id})` });
    await assert.rejects(core.runs.rerun(run.id, { kind: 'from-step', fromStep: 'deploy' }),
      { code: 'INVALID_INPUT', message: `run ${run.id} has no step "deploy" (steps: make, build, check)` });
    await assert.rejects(core.runs.rerun(run.id, { kind: 'rerun', params: { x: 1 } }), { code: 'INVALID_INPUT', message: /make a rerun an edit/ });
    await assert.rejects(core.runs.rerun(999_999, { kind: 'rerun' }), { code: 'UNKNOWN_RUN' });
    assert.equal(await count(), stored, 'no refused rerun queued a run');
  });
});
