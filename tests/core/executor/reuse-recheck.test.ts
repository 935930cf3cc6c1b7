import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Core } from '../../../electron/core/index.ts';
import { finished, plan, runPlan, sh, startCore, stateServer, statuses, type Finished } from './executor-core.ts';

describe('reused steps: re-checked before anything runs (embedded database, real lane threads)', () => {
  let core: Core;
  let dir: string;
  let server: Awaited<ReturnType<typeof stateServer>>;
  before(async () => {
    ({ core, dir } = await startCore());
    server = await stateServer();
  });
  after(async () => {
    await core.close();
    server.close();
  });

  /** Three steps, each logging its action to `actions`: `use` fails until the file `fixed` exists. */
  const threeSteps = (work: string) => plan('write, hash, use', [
    { id: 'write', tool: 'shell', input: { command: 'echo write >> actions; printf payload > a.txt', cwd: work },
      verify: [{ kind: 'exit_code' }, { kind: 'file', path: join(work, 'a.txt'), contains: 'payload' }] },
    { id: 'hash', tool: 'shell', needs: ['write'], input: { command: 'echo hash >> actions; sha256sum a.txt | cut -c1-64 | tee a.sha', cwd: work },
      verify: [{ kind: 'exit_code' }, { kind: 'output', regex: '^[0-9a-f]{64}$' }, { kind: 'file', path: join(work, 'a.sha') }] },
    { id: 'use', tool: 'shell', needs: ['hash'], input: { command: 'echo use >> actions; test -f fixed && echo "using ${steps.hash.stdout}"', cwd: work },
      verify: [{ kind: 'exit_code' }] },
  ]);
  const actions = (work: string) => readFileSync(join(work, 'actions'), 'utf8').trim().split('\n');
  const phases = (result: Finished) => result.proofs.map((p) => [p.stepId, p.phase, p.verifierKind, p.passed]);
  const failedRun = async (work: string) => {
    const first = await runPlan(core, threeSteps(work));
    assert.equal(first.final.status, 'failed', first.log);
    assert.deepEqual(actions(work), ['write', 'hash', 'use']);
    return first;
  };

  test('a resumed run re-checks steps 1 and 2 (proofs linked to the old ones), reuses their outputs and runs only step 3', async () => {
    const work = join(dir, 'resume');
    mkdirSync(work);
    const first = await failedRun(work);
    writeFileSync(join(work, 'fixed'), '');

    const resumed = await finished(core, (await core.runs.rerun(first.final.id, { kind: 'resume' })).id);
    assert.equal(resumed.final.status, 'succeeded', resumed.log);
    assert.deepEqual(actions(work), ['write', 'hash', 'use', 'use'], 'only step 3 ran again');
    assert.deepEqual(statuses(resumed), [['write', 'succeeded', 'reuse'], ['hash', 'succeeded', 'reuse'], ['use', 'succeeded', 'run']]);
    assert.deepEqual(resumed.steps.map((s) => s.reusedFrom), [first.final.id, first.final.id, null]);
    const hash = first.events.find((e) => e.stepId === 'hash' && e.kind === 'output')!.message;
    assert.match(resumed.log, new RegExp(`^use: using ${hash}$`, 'm'), 'step 3 read step 2\'s recorded output');
    assert.equal(resumed.step('hash').exitCode, 0, 'the recorded exit code is copied');

    assert.deepEqual(phases(resumed), [
      ['write', 'recheck', 'exit_code', true], ['write', 'recheck', 'file', true],
      ['hash', 'recheck', 'exit_code', true], ['hash', 'recheck', 'output', true], ['hash', 'recheck', 'file', true],
      ['use', 'after', 'exit_code', true],
    ]);
    // Each re-check links to the proof of the same step and verifier it verified again.
    for (const recheck of resumed.proofs.filter((p) => p.phase === 'recheck')) {
      const source = first.proofs.find((p) => p.id === recheck.recheckOf)!;
      assert.ok(source, `re-check ${recheck.id} links to a proof of run ${first.final.id}`);
      assert.deepEqual([source.stepId, source.verifierKind, source.passed], [recheck.stepId, recheck.verifierKind, true]);
      assert.equal(JSON.stringify(source.config), JSON.stringify(recheck.config));
    }
    const settled = resumed.events.find((e) => e.stepId === 'hash' && e.kind === 'step')!;
    assert.equal(settled.message, `step hash settled by reuse: its recorded outcome (run ${first.final.id}) still holds, re-checked by 3 verifiers`);
    assert.ok(resumed.events.findIndex((e) => e.stepId === 'hash' && e.kind === 'step')
      < resumed.events.findIndex((e) => e.stepId === 'use' && e.kind === 'step'), 'reused steps settle before any action');
    const parent = await core.runs.get(first.final.id);
    assert.deepEqual(parent.steps.map((s) => [s.status, s.settledBy]), [['succeeded', 'run'], ['succeeded', 'run'], ['failed', 'run']],
      'nothing of the parent changed');
  });

  test('a reused step whose proof no longer holds (its file deleted) refuses the resume: nothing runs, and it says why', async () => {
    const work = join(dir, 'refused');
    mkdirSync(work);
    const first = await failedRun(work);
    writeFileSync(join(work, 'fixed'), '');
    rmSync(join(work, 'a.txt'));

    const refused = await finished(core, (await core.runs.rerun(first.final.id, { kind: 'resume' })).id);
    assert.equal(refused.final.status, 'failed', refused.log);
    const id = first.final.id;
    assert.match(refused.final.error!, new RegExp(`^resume refused: step write's recorded outcome \\(run ${id}\\) no longer holds — `
      + `file: .*a\\.txt.*; rerun from write: opsroom runs rerun ${id} --from write$`));
    assert.deepEqual(actions(work), ['write', 'hash', 'use'], 'no action ran');
    assert.deepEqual(statuses(refused), [['write', 'failed', 'reuse'], ['hash', 'succeeded', 'reuse'], ['use', 'skipped', 'run']]);
    assert.match(refused.step('write').error!, new RegExp(`^its recorded outcome \\(run ${id}\\) no longer holds — file: `));
    assert.equal(refused.step('use').error, 'not started: resume refused: step write\'s recorded outcome no longer holds');
    assert.deepEqual(phases(refused).filter(([, , , passed]) => !passed), [['write', 'recheck', 'file', false]]);

    // What the refusal offers works: rerun from the step that no longer holds.
    const again = await finished(core, (await core.runs.rerun(id, { kind: 'from-step', fromStep: 'write' })).id);
    assert.equal(again.final.status, 'succeeded', again.log);
    assert.deepEqual(actions(work), ['write', 'hash', 'use', 'write', 'hash', 'use']);
  });

  test('a re-prove repeats no action; a changed HTTP answer is recorded as drift, linked to the old proofs', async () => {
    const work = join(dir, 'reprove');
    mkdirSync(work);
    server.answer.body = 'version=1';
    const proven = await runPlan(core, plan('serve v1', [
      { id: 'deploy', tool: 'shell', input: { command: 'echo deploy >> actions; echo deployed v1', cwd: work },
        verify: [{ kind: 'exit_code' }, { kind: 'output', regex: 'deployed v1' }, { kind: 'http', url: server.url, bodyContains: 'version=1' }] },
      { id: 'config', tool: 'shell', needs: ['deploy'], input: { command: 'echo config >> actions; printf on > flag', cwd: work },
        verify: [{ kind: 'file', path: join(work, 'flag'), contains: 'on' }] },
      sh('optional', 'echo optional', { disabled: true }),
    ]));
    assert.equal(proven.final.status, 'succeeded', proven.log);
    const id = proven.final.id;

    const holds = await finished(core, (await core.runs.reprove(id)).id);
    assert.equal(holds.final.status, 'succeeded', holds.log);
    assert.deepEqual(statuses(holds), [['deploy', 'succeeded', 'reuse'], ['config', 'succeeded', 'reuse'], ['optional', 'skipped', 'run']]);
    assert.equal(holds.step('optional').error, `not proven in run ${id}: nothing to re-prove`);

    server.answer.body = 'version=2';
    const drift = await finished(core, (await core.runs.reprove(id)).id);
    assert.equal(drift.final.status, 'failed', drift.log);
    assert.match(drift.final.error!, /^drift: step deploy no longer holds — http: .*version=1/);
    assert.doesNotMatch(drift.final.error!, /config/);
    assert.deepEqual(actions(work), ['deploy', 'config'], 'neither re-prove ran an action');
    assert.deepEqual(statuses(drift).slice(0, 2), [['deploy', 'failed', 'reuse'], ['config', 'succeeded', 'reuse']]);
    assert.deepEqual(phases(drift), [['deploy', 'recheck', 'exit_code', true], ['deploy', 'recheck', 'output', true],
      ['deploy', 'recheck', 'http', false], ['config', 'recheck', 'file', true]], 'exit_code and output re-check the recorded outputs');
    const http = drift.proofs.find((p) => p.verifierKind === 'http')!;
    assert.equal(http.recheckOf, proven.proofs.find((p) => p.verifierKind === 'http')!.id);
  });

  test('a reused step its pre-check settled is re-checked by its live-state verifiers only', async () => {
    const work = join(dir, 'prechecked');
    mkdirSync(work);
    writeFileSync(join(work, 'present'), 'yes');
    const first = await runPlan(core, plan('pre-checked then failing', [
      { id: 'ensure', tool: 'shell', precheck: true, input: { command: 'echo ensure >> actions', cwd: work },
        verify: [{ kind: 'exit_code' }, { kind: 'file', path: join(work, 'present') }] },
      { id: 'then', tool: 'shell', needs: ['ensure'], input: { command: 'echo then >> actions; test -f fixed', cwd: work }, verify: [{ kind: 'exit_code' }] },
    ]));
    assert.deepEqual(statuses(first), [['ensure', 'succeeded', 'precheck'], ['then', 'failed', 'run']]);
    writeFileSync(join(work, 'fixed'), '');
    const resumed = await finished(core, (await core.runs.rerun(first.final.id, { kind: 'resume' })).id);
    assert.equal(resumed.final.status, 'succeeded', resumed.log);
    assert.deepEqual(phases(resumed), [['ensure', 'recheck', 'file', true], ['then', 'after', 'exit_code', true]]);
    assert.deepEqual(actions(work), ['then', 'then']);

    // One hop further (a re-prove of the resume): ensure's source is now a reuse of a pre-check, which never
    // ran either; its exit code was never recorded, so only what its source re-checked is re-checked again.
    const reproved = await finished(core, (await core.runs.reprove(resumed.final.id)).id);
    assert.equal(reproved.final.status, 'succeeded', reproved.log);
    assert.deepEqual(phases(reproved), [['ensure', 'recheck', 'file', true], ['then', 'recheck', 'exit_code', true]]);
    assert.deepEqual(actions(work), ['then', 'then']);
  });
});
