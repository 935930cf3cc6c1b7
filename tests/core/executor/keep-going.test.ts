import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Core } from '../../../electron/core/index.ts';
import { plan, runPlan, sh, startCore, statuses } from './executor-core.ts';

describe('keepGoing: after a failure, what does not need it still runs (embedded database, real lane threads)', () => {
  let core: Core;
  before(async () => ({ core } = await startCore()));
  after(() => core.close());

  // `broken` fails at once; `late` can only start after `slow` (a second later), so the failure is known by then.
  const steps = [
    sh('broken', 'exit 1'),
    sh('repair', 'echo never', { needs: ['broken'] }),
    sh('verify-repair', 'echo never', { needs: ['repair'] }),
    sh('slow', 'sleep 1'),
    sh('late', 'echo late ran', { needs: ['slow'] }),
    sh('late-broken', 'exit 2', { needs: ['slow'] }),
  ];

  test('without keepGoing no new step starts after a failure (fail-fast); running steps finish', async () => {
    const result = await runPlan(core, plan('fail fast', steps));
    assert.equal(result.final.status, 'failed', result.log);
    assert.deepEqual(statuses(result).map(([id, status]) => [id, status]), [
      ['broken', 'failed'], ['repair', 'skipped'], ['verify-repair', 'skipped'], ['slow', 'succeeded'], ['late', 'skipped'], ['late-broken', 'skipped'],
    ]);
    assert.equal(result.step('late').error, 'not started: step broken failed');
    assert.match(result.final.error!, /^step broken: .*exit/);
  });

  test('with keepGoing every step that does not (transitively) need a failed step runs; the run still fails', async () => {
    const result = await runPlan(core, plan('keep going', steps, { keepGoing: true }));
    assert.equal(result.final.status, 'failed', result.log);
    assert.deepEqual(statuses(result).map(([id, status]) => [id, status]), [
      ['broken', 'failed'], ['repair', 'skipped'], ['verify-repair', 'skipped'], ['slow', 'succeeded'], ['late', 'succeeded'], ['late-broken', 'failed'],
    ]);
    assert.equal(result.step('repair').error, 'not started: step broken failed');
    assert.equal(result.step('verify-repair').error, 'not started: step broken failed', 'named through the step left between');
    assert.match(result.log, /^late: late ran$/m);
    assert.match(result.final.error!, /^step broken: .*; also failed: late-broken$/);
  });
});
