import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createCore, verifyProofBundle, type Core } from '../../../electron/core/index.ts';
import { tempDir } from '../../helpers/tmp.ts';
import { finished, waitForApproval } from './approval-kit.ts';

// A prompt and a diff that quote a secret parameter (directly, and through an earlier step's output): what is
// stored, shown and hashed holds its mask, never the value, and the proof of the decision still verifies.
let core: Core;
before(async () => {
  core = await createCore({ dataDir: join(tempDir().path, 'data'), lanes: ['A'], pollMs: 100 });
});
after(() => core.close({ graceMs: 0 }));

test('a secret parameter in an approval\'s prompt or diff is shown, stored and hashed as ***', async () => {
  const token = `tok_${randomBytes(12).toString('hex')}`;
  const plan = {
    irVersion: 1, name: 'rotate token',
    params: { token: { type: 'secret' } },
    steps: [
      { id: 'plan', tool: 'shell', input: { command: 'printf -- "+token: %s\\n" "$TOKEN"', env: { TOKEN: '${params.token}' } }, verify: [{ kind: 'exit_code' }] },
      { id: 'review', tool: 'approval', needs: ['plan'], input: { prompt: 'Rotate to ${params.token}?', diff: '${steps.plan.stdout}' }, verify: [{ kind: 'approval' }] },
    ],
  };
  const { run } = await core.runs.enqueue({ plan, params: { token }, paramsAreText: true });
  const { event, approval } = await waitForApproval(core, run.id, 'review');
  assert.equal(approval.prompt, 'Rotate to ***?');
  assert.equal((approval.shown as { diff: string }).diff, '+token: ***');
  assert.ok(!JSON.stringify(approval).includes(token), 'the stored approval holds the secret value');
  assert.equal(event.payload?.prompt, 'Rotate to ***?');
  assert.equal(event.payload?.shownSha256, approval.shownSha256, 'the event names the digest of what is stored');
  assert.ok(!JSON.stringify(await core.approvals.list({ pending: true })).includes(token));

  await core.approvals.decide({ runId: run.id, stepId: 'review', decision: 'approve', shownSha256: approval.shownSha256 });
  const ended = await finished(core, run.id);
  assert.equal(ended.status, 'succeeded', ended.error ?? '');
  const [proof] = (await core.proofs.list(run.id)).filter((p) => p.stepId === 'review');
  assert.equal(proof!.passed, true, proof!.summary);
  assert.equal(proof!.evidence.documentSha256, approval.shownSha256);
  assert.deepEqual(verifyProofBundle(await core.proofs.bundle(run.id)).problems, []);
});
