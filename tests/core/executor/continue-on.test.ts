import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Core } from '../../../electron/core/index.ts';
import { plan, runPlan, sh, startCore, statuses } from './executor-core.ts';

describe('continueOn: failures that do not stop the run (embedded database, real lane threads)', () => {
  let core: Core;
  before(async () => ({ core } = await startCore()));
  after(() => core.close());

  const goesOn = (log: string, stepId: string) => new RegExp(`^${stepId}: step ${stepId} failed, and the run goes on: (.*)$`, 'm').exec(log)?.[1];

  test('an exit code in continueOn.exitCodes: the step stays failed with its proofs, its dependents run, the run succeeds', async () => {
    const result = await runPlan(core, plan('grep finds nothing', [
      sh('search', 'echo searching; exit 3', { continueOn: { exitCodes: [1, 3] }, retry: { attempts: 2, delayMs: 10 } }),
      sh('report', 'echo "search ended with ${steps.search.exitCode}"', { needs: ['search'] }),
    ]));
    assert.equal(result.final.status, 'succeeded', result.log);
    assert.deepEqual(statuses(result), [['search', 'failed', 'run'], ['report', 'succeeded', 'run']]);
    assert.equal(result.step('search').exitCode, 3);
    assert.equal(goesOn(result.log, 'search'), 'exit code 3 is in continueOn.exitCodes');
    assert.equal(result.events.find((e) => /the run goes on/.test(e.message))!.level, 'warn');
    assert.match(result.log, /^report: search ended with 3$/m);
    const proofs = result.proofs.filter((p) => p.stepId === 'search');
    assert.deepEqual(proofs.map((p) => [p.try, p.passed]), [[1, false], [2, false]], 'the retry policy still applies; the failing proofs stay');
  });

  test('an exit code not listed fails the run; the steps that need the step are skipped', async () => {
    const result = await runPlan(core, plan('unexpected code', [
      sh('search', 'exit 4', { continueOn: { exitCodes: [3] } }),
      sh('report', 'echo never', { needs: ['search'] }),
    ]));
    assert.equal(result.final.status, 'failed', result.log);
    assert.match(result.final.error!, /^step search: not proven — exit_code: /);
    assert.deepEqual(statuses(result), [['search', 'failed', 'run'], ['report', 'skipped', 'run']]);
    assert.equal(result.step('report').error, 'not started: step search failed');
    assert.equal(goesOn(result.log, 'search'), undefined);
  });

  test('output matching continueOn.output (stdout and stderr) lets the run go on; other output does not', async () => {
    const warned = await runPlan(core, plan('known warning', [
      sh('sync', 'echo copied 3 files; echo "WARN: target nearly full" >&2; exit 1', { continueOn: { output: 'nearly full$' } }),
      sh('next', 'echo next', { needs: ['sync'] }),
    ]));
    assert.equal(warned.final.status, 'succeeded', warned.log);
    assert.equal(goesOn(warned.log, 'sync'), 'its output matches continueOn.output /nearly full$/');
    const other = await runPlan(core, plan('other failure', [
      sh('sync', 'echo "ERROR: disk gone" >&2; exit 1', { continueOn: { output: 'nearly full', exitCodes: [2] } }),
      sh('next', 'echo next', { needs: ['sync'] }),
    ]));
    assert.equal(other.final.status, 'failed', other.log);
    assert.equal(other.step('next').status, 'skipped');
  });

  test('continueOn.failure covers a failed verifier too, as continueOnError does', async () => {
    const result = await runPlan(core, plan('any failure', [
      { id: 'check', tool: 'shell', input: { command: 'echo status=degraded' }, continueOn: { failure: true },
        verify: [{ kind: 'exit_code' }, { kind: 'output', regex: 'status=ok' }] },
      sh('legacy', 'exit 9', { continueOnError: true }),
      sh('after', 'echo after', { needs: ['check', 'legacy'] }),
    ]));
    assert.equal(result.final.status, 'succeeded', result.log);
    assert.deepEqual(statuses(result).map(([id, status]) => [id, status]), [['check', 'failed'], ['legacy', 'failed'], ['after', 'succeeded']]);
    assert.equal(goesOn(result.log, 'check'), 'the step may fail (continueOn.failure)');
    assert.equal(goesOn(result.log, 'legacy'), 'the step may fail (continueOnError)');
  });

  test('a continueOn.output that is not a regular expression is refused with its path', async () => {
    await assert.rejects(core.runs.enqueue({ plan: plan('bad pattern', [sh('a', 'true', { continueOn: { output: 'a[' } })]) }),
      (error: Error & { code?: string }) => {
        assert.equal(error.code, 'INVALID_PLAN');
        assert.match(error.message, /steps\[0\]\.continueOn\.output: step "a": continueOn\.output is not a valid regular expression: /);
        return true;
      });
  });
});
