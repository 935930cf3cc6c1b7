import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createCore, type Core } from '../../../electron/core/index.ts';
import { isSecretMarker } from '../../../shared/domain/secret-marker.ts';
import { tempDir } from '../../helpers/tmp.ts';
import { diamond, runsOf } from './plans.ts';

const finish = (core: Core, id: number) => core.runs.follow(id, () => undefined);
const outputOf = async (core: Core, id: number) => (await core.runs.events(id, 0, 10_000))
  .filter((e) => e.kind === 'output').map((e) => e.message);

describe('rerun the whole run, from a step, with new parameters (real core, embedded database)', () => {
  let core: Core;
  before(async () => { core = await createCore({ dataDir: join(tempDir().path, 'data') }); });
  after(() => core.close());

  test('rerun from a chosen step runs it and everything downstream, reusing the rest', async () => {
    const dir = tempDir().path;
    const { run } = await core.runs.enqueue({ plan: diamond(dir) });
    assert.equal((await finish(core, run.id)).status, 'succeeded');
    const fromB = await core.runs.rerun(run.id, { kind: 'from-step', fromStep: 'b' });
    assert.deepEqual([fromB.parentRunId, fromB.rerunKind], [run.id, 'from-step']);
    assert.equal((await finish(core, fromB.id)).status, 'succeeded');
    assert.deepEqual(['a', 'b', 'c', 'd'].map((id) => runsOf(dir, id)), [1, 2, 1, 2], 'b and d ran again; a and c did not');
    const { steps } = await core.runs.get(fromB.id);
    assert.deepEqual(steps.map((s) => [s.stepId, s.settledBy]), [['a', 'reuse'], ['b', 'run'], ['c', 'reuse'], ['d', 'run']]);

    // A rerun of a rerun reuses from its own parent: the chain stays linked, one hop at a time.
    const whole = await core.runs.retry(fromB.id);
    assert.deepEqual([whole.parentRunId, whole.rerunKind], [fromB.id, 'rerun']);
    assert.equal((await finish(core, whole.id)).status, 'succeeded');
    assert.deepEqual(['a', 'b', 'c', 'd'].map((id) => runsOf(dir, id)), [2, 3, 2, 3], 'a whole rerun runs every step');
    assert.deepEqual((await core.runs.reruns(run.id)).children.map((c) => [c.id, c.rerunKind]), [[fromB.id, 'from-step']]);
    assert.deepEqual((await core.runs.reruns(fromB.id)).children.map((c) => [c.id, c.rerunKind]), [[whole.id, 'rerun']]);

    // New values from a step: the steps before it keep their outcome (recorded with the old value).
    const edited = await core.runs.rerun(whole.id, { kind: 'edit', fromStep: 'd', params: { tag: 'v2' } });
    assert.equal((await finish(core, edited.id)).status, 'succeeded');
    assert.deepEqual(['a', 'b', 'c', 'd'].map((id) => runsOf(dir, id)), [2, 3, 2, 4], 'only d ran');
    assert.deepEqual(await outputOf(core, edited.id), ['d-done-v2']);
  });

  test('edit parameters and retry: the new values over the old ones, a secret kept unread, linked to the original', async () => {
    // The secret's value stays in the shell: the step fails unless the run was given the right one.
    const plan = {
      irVersion: 1, name: 'greet with a token',
      params: { who: { type: 'string' }, greeting: { type: 'string', default: 'hello' }, token: { type: 'secret' } },
      steps: [{ id: 'say', tool: 'shell', input: { command: 'echo "${params.greeting} ${params.who}"; test "${params.token}" = s3cret' },
        verify: [{ kind: 'exit_code' }] }],
    };
    const { run } = await core.runs.enqueue({ plan, params: { who: 'ops', greeting: 'hi', token: 's3cret' } });
    assert.equal((await finish(core, run.id)).status, 'succeeded');
    assert.ok(isSecretMarker(run.input.token));

    const edited = await core.runs.rerun(run.id, { kind: 'edit', params: { who: 'night shift' } });
    assert.deepEqual([edited.parentRunId, edited.rerunKind], [run.id, 'edit']);
    assert.deepEqual(edited.input, { who: 'night shift', greeting: 'hi', token: run.input.token }, 'greeting and the secret as before');
    assert.equal((await finish(core, edited.id)).status, 'succeeded', 'the kept secret still resolves');
    assert.deepEqual(await outputOf(core, edited.id), ['hi night shift']);
    assert.deepEqual(await outputOf(core, run.id), ['hi ops'], 'the original is unchanged');

    // Values typed on a command line are converted like `opsroom run --param` does; bad ones are refused.
    await assert.rejects(core.runs.rerun(run.id, { kind: 'edit', params: { colour: 'red' }, paramsAreText: true }),
      { code: 'INVALID_INPUT', message: /^invalid parameters: unknown parameter "colour" \(declared: (?=.*\bwho\b)(?=.*\bgreeting\b)(?=.*\btoken\b)/ });
    const typed = await core.runs.rerun(run.id, { kind: 'edit', params: { token: 'wrong' }, paramsAreText: true });
    assert.notDeepEqual(typed.input.token, run.input.token, 'a new secret value is stored under a new entry');
    assert.equal((await finish(core, typed.id)).status, 'failed', 'the new secret value was used');
  });
});
