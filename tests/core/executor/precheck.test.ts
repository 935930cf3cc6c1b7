import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Core } from '../../../electron/core/index.ts';
import { plan, runPlan, sh, startCore, stateServer, statuses } from './executor-core.ts';

describe('precheck: before/after evidence, a proven skip (embedded database, real lane threads)', () => {
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

  const ensureFile = (target: string) => plan('ensure a file', [
    { id: 'ensure', tool: 'shell', precheck: true,
      input: { command: 'printf done > "$TARGET"; echo acted >> "$TARGET.actions"', env: { TARGET: '${params.target}' } },
      verify: [{ kind: 'exit_code' }, { kind: 'file', path: '${params.target}', contains: 'done' }] },
    sh('next', 'echo next ran', { needs: ['ensure'] }),
  ], { params: { target: { type: 'string', default: target } } });

  test('not yet satisfied: the failing pre-check is stored (before), the step runs and is proven (after)', async () => {
    const target = join(dir, 'first.txt');
    const result = await runPlan(core, ensureFile(target));
    assert.equal(result.final.status, 'succeeded', result.log);
    assert.deepEqual(statuses(result), [['ensure', 'succeeded', 'run'], ['next', 'succeeded', 'run']]);
    assert.equal(readFileSync(`${target}.actions`, 'utf8'), 'acted\n');
    const proofs = result.proofs.filter((p) => p.stepId === 'ensure').map((p) => [p.phase, p.verifierKind, p.passed]);
    assert.deepEqual(proofs, [['before', 'file', false], ['after', 'exit_code', true], ['after', 'file', true]]);
    assert.match(result.log, /^ensure: pre-check: not satisfied yet \(file: .*\); running the step$/m);
    assert.match(result.log, /^ensure: pre-check not proved file: /m);
  });

  test('already satisfied: the step is settled by its pre-check (succeeded, "already satisfied"), its action not run', async () => {
    const target = join(dir, 'second.txt');
    await runPlan(core, ensureFile(target));
    const again = await runPlan(core, ensureFile(target));
    assert.equal(again.final.status, 'succeeded', again.log);
    assert.deepEqual(statuses(again), [['ensure', 'succeeded', 'precheck'], ['next', 'succeeded', 'run']]);
    assert.equal(readFileSync(`${target}.actions`, 'utf8'), 'acted\n', 'the action ran once, in the first run only');
    assert.deepEqual(again.proofs.filter((p) => p.stepId === 'ensure').map((p) => [p.phase, p.verifierKind, p.passed]), [['before', 'file', true]]);
    const end = again.events.find((e) => e.stepId === 'ensure' && e.kind === 'step' && e.payload?.status === 'succeeded')!;
    assert.equal(end.message, 'step ensure already satisfied: its pre-check proved it with 1 verifier, so it did not run');
    assert.equal(end.payload?.settledBy, 'precheck');
    assert.equal(again.step('ensure').exitCode, null);
    assert.match(again.log, /^next: next ran$/m);
  });

  test('http and sql pre-checks against live state: satisfied skips, changed state runs the step', async () => {
    const marker = join(dir, 'deployed');
    const deploy = plan('deploy if needed', [{
      id: 'deploy', tool: 'shell', precheck: true, input: { command: `touch "${marker}"` },
      verify: [{ kind: 'http', url: server.url, bodyContains: 'ready' }, { kind: 'sql', query: 'SELECT 1', expectValue: 1 }],
    }]);
    server.answer.body = 'ready';
    const skipped = await runPlan(core, deploy);
    assert.deepEqual(statuses(skipped), [['deploy', 'succeeded', 'precheck']]);
    assert.equal(existsSync(marker), false);
    assert.deepEqual(skipped.proofs.map((p) => [p.phase, p.verifierKind, p.passed]), [['before', 'http', true], ['before', 'sql', true]]);

    server.answer.body = 'pending';
    const ran = await runPlan(core, deploy);
    assert.equal(ran.final.status, 'failed', 'the step ran, and its http proof after the action still fails');
    assert.equal(existsSync(marker), true, 'the action ran');
    assert.deepEqual(ran.proofs.map((p) => [p.phase, p.verifierKind, p.passed]),
      [['before', 'http', false], ['before', 'sql', true], ['after', 'http', false], ['after', 'sql', true]]);
  });

  test('a pre-check needs a verifier that looks at live state', async () => {
    await assert.rejects(core.runs.enqueue({ plan: plan('nothing to pre-check', [sh('a', 'true', { precheck: true })]) }),
      (error: Error & { code?: string }) => {
        assert.equal(error.code, 'INVALID_PLAN');
        assert.match(error.message, /steps\[0\]\.precheck: step "a" has precheck but no http, sql or file verifier/);
        return true;
      });
  });
});
