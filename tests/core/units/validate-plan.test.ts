import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CoreError } from '../../../electron/core/errors.ts';
import { formatPath, validatePlan } from '../../../electron/core/plans/validate-plan.ts';

const step = (id: string, input: Record<string, unknown> = { command: `echo ${id}` }, tool = 'shell') =>
  ({ id, tool, input, verify: [{ kind: 'exit_code' }] });
const plan = (steps: unknown[], extra: Record<string, unknown> = {}) => ({ irVersion: 1, name: 'p', steps, ...extra });

/** The CoreError validatePlan throws for this candidate (fails the test if it does not throw one). */
function refused(candidate: unknown): CoreError {
  try {
    validatePlan(candidate);
  } catch (error) {
    assert.ok(error instanceof CoreError, `expected a CoreError, got ${String(error)}`);
    assert.equal(error.code, 'INVALID_PLAN');
    assert.match(error.message, /^plan is not a valid plan: /);
    return error;
  }
  assert.fail('the plan was accepted');
}

describe('validatePlan', () => {
  test('a valid plan passes and comes back parsed', () => {
    const candidate = plan([step('build'), { ...step('deploy', { command: 'make deploy', cwd: '/tmp', env: { A: '1' } }), timeoutMs: 5000 }]);
    const parsed = validatePlan(candidate);
    assert.equal(parsed.steps.length, 2);
    assert.equal(parsed.steps[1]?.id, 'deploy');
    assert.equal(parsed.steps[1]?.timeoutMs, 5000);
    assert.deepEqual(parsed.steps[1]?.input, { command: 'make deploy', cwd: '/tmp', env: { A: '1' } });
  });

  test('duplicate step ids name the second one and the id', () => {
    const error = refused(plan([step('a'), step('a')]));
    assert.match(error.message, /steps\[1\]\.id: duplicate step id "a"/);
  });

  test('an unknown tool names steps[i].tool, the step id and the known tools', () => {
    const error = refused(plan([step('a'), step('b', {}, 'telnet')]));
    assert.match(error.message, /steps\[1\]\.tool: unknown tool "telnet": a tool is one of shell, http, sql, approval or "<server>\/<tool>"/);
  });

  test('bad shell input names the input field and the step id', () => {
    const error = refused(plan([step('a'), step('b', { command: '' })]));
    assert.match(error.message, /steps\[1\]\.input\.command: .*\(step "b"\)/);
    const env = refused(plan([step('c', { command: 'x', env: { 'BAD-NAME': 'v' } })]));
    assert.match(env.message, /steps\[0\]\.input\.env\.BAD-NAME: .*\(step "c"\)/);
    const missing = refused(plan([step('d', { cwd: '/tmp' })]));
    assert.match(missing.message, /steps\[0\]\.input\.command: .*\(step "d"\)/);
  });

  test('every bad step is reported, not only the first', () => {
    const error = refused(plan([step('a', { command: '' }), step('b', { command: 5 })]));
    assert.match(error.message, /steps\[0\]\.input\.command/);
    assert.match(error.message, /steps\[1\]\.input\.command/);
  });

  test('a wrong irVersion names irVersion', () => {
    assert.match(refused(plan([step('a')], { irVersion: 2 })).message, /irVersion: /);
    assert.match(refused({ name: 'p', steps: [step('a')] }).message, /irVersion: /);
  });

  test('empty steps names steps', () => {
    assert.match(refused(plan([])).message, /steps: /);
  });

  test('a bad step id names steps[i].id', () => {
    assert.match(refused(plan([step('-x')])).message, /steps\[0\]\.id: a step id is/);
  });

  test('a non-object is refused at the root', () => {
    for (const candidate of [null, 'plan', 42, [step('a')]]) {
      assert.match(refused(candidate).message, /\(root\): /, `for ${JSON.stringify(candidate)}`);
    }
  });

  test('the source name leads the message', () => {
    assert.throws(() => validatePlan({}, 'deploy.json'), /^CoreError: deploy\.json is not a valid plan: /);
  });

  test('formatPath reads like code', () => {
    assert.equal(formatPath(['steps', 1, 'input', 'command']), 'steps[1].input.command');
    assert.equal(formatPath([0, 'a']), '[0].a');
    assert.equal(formatPath([]), '');
  });
});
