import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Core } from '../../../electron/core/index.ts';
import { plan, runPlan, sh, startCore, statuses } from './executor-core.ts';

describe('disabled steps and `if` conditions (embedded database, real lane threads)', () => {
  let core: Core;
  before(async () => ({ core } = await startCore()));
  after(() => core.close());

  const conditional = plan('conditional', [
    sh('off', 'echo ran-off', { disabled: true }),
    sh('prod-only', 'echo ran-prod', { if: { value: '${params.env}', equals: 'prod' } }),
    sh('probe', 'echo state=green'),
    sh('when-green', 'echo ran-green', { needs: ['probe'], if: { value: '${steps.probe.stdout}', matches: '^state=gr' } }),
    sh('when-red', 'echo ran-red', { needs: ['probe'], if: { all: [
      { value: '${steps.probe.exitCode}', equals: 0 }, { value: '${steps.probe.stdout}', equals: 'state=red' },
    ] } }),
    sh('staged', 'echo ran-staged', { if: { any: [{ value: '${params.env}', in: ['staging', 'prod'] }, { value: 'x${params.env}', equals: 'xqa' }] } }),
    sh('after', 'echo ran-after', { needs: ['off', 'prod-only', 'when-red', 'staged'] }),
  ], { params: { env: { type: 'string', default: 'dev' } } });

  test('a disabled step and false conditions are skipped with their reason; the steps that need them still run', async () => {
    const result = await runPlan(core, conditional);
    assert.equal(result.final.status, 'succeeded', result.log);
    assert.deepEqual(statuses(result), [
      ['off', 'skipped', 'disabled'], ['prod-only', 'skipped', 'condition'], ['probe', 'succeeded', 'run'],
      ['when-green', 'succeeded', 'run'], ['when-red', 'skipped', 'condition'], ['staged', 'skipped', 'condition'],
      ['after', 'succeeded', 'run'],
    ]);
    assert.equal(result.step('off').error, 'disabled in the plan');
    assert.equal(result.step('prod-only').error, 'condition not met: ${params.env} is "dev", expected "prod"');
    assert.equal(result.step('when-red').error, 'condition not met: ${steps.probe.stdout} is "state=green", expected "state=red"');
    assert.equal(result.step('staged').error,
      'condition not met: none of ${params.env} is "dev", expected one of "staging", "prod"; x${params.env} is "xdev", expected "xqa"');
    for (const id of ['ran-off', 'ran-prod', 'ran-red', 'ran-staged']) assert.doesNotMatch(result.log, new RegExp(`: ${id}$`, 'm'));
    assert.match(result.log, /^when-green: ran-green$/m);
    assert.match(result.log, /^after: ran-after$/m);
    // The decision is in the step's event: how it was settled and why, as the run view and notifications read it.
    const skip = result.events.find((e) => e.stepId === 'prod-only' && e.kind === 'step')!;
    assert.equal(skip.message, 'step prod-only skipped: condition not met: ${params.env} is "dev", expected "prod"');
    assert.deepEqual([skip.payload?.status, skip.payload?.settledBy, skip.payload?.reason],
      ['skipped', 'condition', 'condition not met: ${params.env} is "dev", expected "prod"']);
    assert.equal(result.proofs.some((p) => ['off', 'prod-only', 'when-red', 'staged'].includes(p.stepId)), false, 'a skipped step proves nothing');
  });

  test('the same plan with other values takes the other branches (values compare as text)', async () => {
    const result = await runPlan(core, conditional, { env: 'qa' });
    assert.equal(result.final.status, 'succeeded', result.log);
    assert.equal(result.step('prod-only').status, 'skipped');
    assert.equal(result.step('staged').status, 'succeeded', 'the second comparison of `any` holds');
    const prod = await runPlan(core, conditional, { env: 'prod' });
    assert.deepEqual(statuses(prod).filter(([, status]) => status === 'skipped').map(([id]) => id), ['off', 'when-red']);
    assert.match(prod.log, /^prod-only: ran-prod$/m);
  });

  test('reading the output of a skipped step fails the reader with the skip\'s reason', async () => {
    const result = await runPlan(core, plan('reads a skipped step', [
      sh('maybe', 'echo maybe', { if: { value: '${params.go}', equals: 'yes' } }),
      sh('reader', 'echo "got ${steps.maybe.stdout}"', { needs: ['maybe'] }),
      sh('judge', 'echo judged', { needs: ['maybe'], if: { value: '${steps.maybe.exitCode}', equals: 0 } }),
    ], { params: { go: { type: 'string', default: 'no' } } }));
    assert.equal(result.final.status, 'failed', result.log);
    assert.deepEqual(statuses(result), [['maybe', 'skipped', 'condition'], ['reader', 'failed', 'run'], ['judge', 'failed', 'run']]);
    assert.equal(result.step('reader').error,
      '${steps.maybe.stdout}: step maybe was skipped: condition not met: ${params.go} is "no", expected "yes"');
    assert.match(result.step('judge').error!, /^if: \$\{steps\.maybe\.exitCode\}: step maybe was skipped: condition not met/);
    assert.doesNotMatch(result.log, /got |judged/);
    assert.match(result.final.error!, /^step (reader|judge): .*step maybe was skipped/);
  });

  test('a plan whose condition reads what it cannot is refused before it is queued, naming the field', async () => {
    const refused = async (steps: unknown[], message: RegExp) => {
      await assert.rejects(core.runs.enqueue({ plan: plan('bad condition', steps, { params: { env: { type: 'string', default: 'x' } } }) }),
        (error: Error & { code?: string }) => {
          assert.equal(error.code, 'INVALID_PLAN');
          assert.match(error.message, message);
          return true;
        });
    };
    await refused([sh('a', 'true'), sh('b', 'true', { if: { value: '${steps.a.stdout}', equals: 'x' } })],
      /steps\[1\]\.if\.value: step "b" references \$\{steps\.a\.stdout\} but does not depend on "a"/);
    await refused([sh('a', 'true', { if: { value: '${params.nope}', equals: 'x' } })],
      /steps\[0\]\.if\.value: step "a" references undeclared parameter "nope"/);
    await refused([sh('a', 'true', { if: { any: [{ value: '${params.env}', matches: '(unclosed' }] } })],
      /steps\[0\]\.if\.any\[0\]\.matches: step "a": if\.matches is not a valid regular expression/);
    await refused([sh('a', 'true', { if: { value: '${params.env}', equals: 'x', in: ['y'] } })],
      /exactly one of equals, notEquals, in, matches/);
  });
});
