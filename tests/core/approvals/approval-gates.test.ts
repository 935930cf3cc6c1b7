import assert from 'node:assert/strict';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ShownDocumentSchema } from '../../../shared/domain/approval.ts';
import { createCore, verifyProofBundle, type Core } from '../../../electron/core/index.ts';
import { evidenceSha256 } from '../../../electron/core/proofs/evidence.ts';
import { tempDir } from '../../helpers/tmp.ts';
import { finished, reviewPlan, waitForApproval } from './approval-kit.ts';

// One core on PGlite on disk, with its lane worker threads, for the whole file: each test queues its own runs
// (on its own lane where two could wait at once).
describe('approval gates (embedded database, lane workers)', () => {
  let core: Core;
  before(async () => {
    core = await createCore({ dataDir: join(tempDir().path, 'data'), heartbeatMs: 500 });
  });
  after(() => core.close({ graceMs: 0 }));

  test('approve while the run waits: the run goes on, and the proof keeps decision, who, when, comment and digest', async () => {
    const { run } = await core.runs.enqueue({ plan: reviewPlan('reviewed change'), lane: 'A' });
    const { event, approval } = await waitForApproval(core, run.id, 'review');
    assert.deepEqual(event.payload, { approval: 'requested', stepId: 'review', shownSha256: approval.shownSha256, prompt: 'Apply this change to production?' });
    assert.equal(approval.status, 'pending');
    // What is shown: the prompt, the step, the diff and the evidence of the step it needs; its digest is its own.
    const shown = ShownDocumentSchema.parse(approval.shown);
    assert.equal(shown.diff, '--- a/app.conf\n+++ b/app.conf\n-replicas: 2\n+replicas: 3');
    assert.deepEqual(shown.evidence.map((e) => [e.stepId, e.status, e.proofs.map((p) => `${p.verifierKind} ${p.passed} ${p.summary}`)]),
      [['plan', 'succeeded', ['exit_code true exit code 0']]]);
    assert.equal(shown.step.id, 'review');
    assert.equal(evidenceSha256(approval.shown), approval.shownSha256);
    // Nothing after the gate has started.
    await new Promise((resolve) => setTimeout(resolve, 700));
    const waiting = await core.runs.get(run.id);
    assert.deepEqual(waiting.steps.map((s) => s.status), ['succeeded', 'running', 'pending']);

    const decided = await core.approvals.decide({ runId: run.id, stepId: 'review', decision: 'approve', shownSha256: approval.shownSha256, comment: 'looks right' });
    assert.equal(decided.status, 'approved');
    assert.equal(decided.decidedBy, `${userInfo().username}@${hostname()}`, 'by defaults to the OS user at this host');
    const ended = await finished(core, run.id);
    assert.equal(ended.status, 'succeeded', ended.error ?? '');

    const proofs = (await core.proofs.list(run.id)).filter((p) => p.stepId === 'review');
    assert.equal(proofs.length, 1);
    const [proof] = proofs;
    assert.equal(proof!.verifierKind, 'approval');
    assert.equal(proof!.passed, true);
    assert.match(proof!.summary, new RegExp(`^approved by ${userInfo().username}@.+ at \\d{4}-.*: "looks right" \\(shown sha256:${approval.shownSha256.slice(0, 12)}\\)$`));
    const evidence = proof!.evidence;
    assert.equal(evidence.decision, 'approved');
    assert.equal(evidence.by, decided.decidedBy);
    assert.equal(evidence.at, decided.decidedAt!.toISOString());
    assert.equal(evidence.comment, 'looks right');
    assert.equal(evidence.shownSha256, approval.shownSha256);
    assert.equal(evidence.approvedSha256, approval.shownSha256);
    assert.equal(evidence.documentSha256, approval.shownSha256);
    assert.deepEqual(evidence.shown, approval.shown, 'a small document stays in the evidence');
    // The action ran after the decision, not before.
    const apply = (await core.runs.get(run.id)).steps.find((s) => s.stepId === 'apply')!;
    assert.ok(apply.startedAt! >= decided.decidedAt!, 'apply started after the approval');
    assert.deepEqual(verifyProofBundle(await core.proofs.bundle(run.id)).problems, []);
  });

  test('reject: the step fails with who and why, the run fails, the steps after it are skipped', async () => {
    const { run } = await core.runs.enqueue({ plan: reviewPlan('rejected change'), lane: 'B' });
    const { approval } = await waitForApproval(core, run.id, 'review');
    await core.approvals.decide({ runId: run.id, stepId: 'review', decision: 'reject', shownSha256: approval.shownSha256, by: 'carol', comment: 'not during the freeze' });
    const ended = await finished(core, run.id);
    assert.equal(ended.status, 'failed');
    assert.match(ended.error!, /^step review: not proven — approval: rejected by carol at .*: "not during the freeze"$/);
    const { steps } = await core.runs.get(run.id);
    assert.deepEqual(steps.map((s) => [s.stepId, s.status]), [['plan', 'succeeded'], ['review', 'failed'], ['apply', 'skipped']]);
    const [proof] = (await core.proofs.list(run.id)).filter((p) => p.stepId === 'review');
    assert.equal(proof!.passed, false);
    assert.equal(proof!.evidence.decision, 'rejected');
    assert.equal(proof!.evidence.by, 'carol');
    await assert.rejects(core.approvals.decide({ runId: run.id, stepId: 'review', decision: 'approve', shownSha256: approval.shownSha256 }),
      /the approval of run \d+ at step "review" was already rejected by carol at \d{4}-/);
  });

  test('timeout: onTimeout fail fails the step; onTimeout continue goes on, the proof saying nobody decided', async () => {
    const failing = (await core.runs.enqueue({ plan: reviewPlan('unanswered, fail', { timeoutMs: 800 }), lane: 'C' })).run;
    const going = (await core.runs.enqueue({ plan: reviewPlan('unanswered, continue', { timeoutMs: 800, onTimeout: 'continue' }), lane: 'D' })).run;
    const [failed, went] = await Promise.all([finished(core, failing.id), finished(core, going.id)]);
    assert.equal(failed.status, 'failed');
    assert.match(failed.error!, /^step review: not proven — approval: nobody decided by \d{4}-.* \(on timeout: fail\)$/);
    assert.deepEqual((await core.runs.get(failing.id)).steps.map((s) => s.status), ['succeeded', 'failed', 'skipped']);
    assert.equal(went.status, 'succeeded', went.error ?? '');
    const [proof] = (await core.proofs.list(going.id)).filter((p) => p.stepId === 'review');
    assert.equal(proof!.passed, true);
    assert.match(proof!.summary, /^nobody decided by .*: the run went on \(on timeout: continue\)$/);
    assert.equal(proof!.evidence.by, null);
    const stored = await core.approvals.get(failing.id, 'review');
    assert.equal(stored.status, 'expired');
    await assert.rejects(core.approvals.decide({ runId: failing.id, stepId: 'review', decision: 'approve', shownSha256: stored.shownSha256 }),
      /run \d+ has failed: nothing waits for the approval/);
  });

  test('a decision quoting another digest is refused as void and changes nothing; the approval stays pending', async () => {
    const { run } = await core.runs.enqueue({ plan: reviewPlan('replayed approval'), lane: 'A' });
    const { approval } = await waitForApproval(core, run.id, 'review');
    const other = 'a'.repeat(64);
    await assert.rejects(core.approvals.decide({ runId: run.id, stepId: 'review', decision: 'approve', shownSha256: other }), (error: Error) => {
      assert.equal((error as { code?: string }).code, 'INVALID_STATE');
      assert.equal(error.message, `void: you were shown sha256:aaaaaaaaaaaa… but the step asks about sha256:${approval.shownSha256.slice(0, 12)}…; `
        + 'the evidence changed since it was shown: look at it again and decide on what it is now');
      return true;
    });
    await assert.rejects(core.approvals.decide({ runId: run.id, stepId: 'review', decision: 'approve', shownSha256: 'nope' }), /64 lowercase hex digits/);
    const still = await core.approvals.get(run.id, 'review');
    assert.equal(still.status, 'pending');
    assert.equal(still.decidedBy, null);
    assert.deepEqual((await core.approvals.list({ pending: true })).map((a) => [a.runId, a.stepId, a.runTitle]), [[run.id, 'review', 'replayed approval']]);
    assert.equal((await core.runs.get(run.id)).run.status, 'running');

    await core.runs.cancel(run.id);
    const ended = await finished(core, run.id);
    assert.equal(ended.status, 'cancelled');
    const cancelled = await core.approvals.get(run.id, 'review');
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.comment, 'nobody decided: the run was cancelled');
    assert.deepEqual(await core.approvals.list({ pending: true }), []);
  });

  test('unknown runs and steps get specific errors', async () => {
    await assert.rejects(core.approvals.get(999_999, 'review'), /there is no run 999999/);
    const { run } = await core.runs.enqueue({ plan: reviewPlan('no such step', { timeoutMs: 1 }), lane: 'B' });
    await finished(core, run.id);
    await assert.rejects(core.approvals.decide({ runId: run.id, stepId: 'deploy', decision: 'approve', shownSha256: 'b'.repeat(64) }),
      new RegExp(`run ${run.id} has no approval at step "deploy"`));
  });

  test('a plan-level approval: nothing runs before it, and queuing the gated plan again adds no second gate', async () => {
    const plan = {
      irVersion: 1, name: 'production deploy', approval: { prompt: 'Run this in production?' },
      params: { env: { type: 'string' as const, default: 'prod' } },
      steps: [
        { id: 'approve', tool: 'shell', input: { command: 'echo first' }, verify: [{ kind: 'exit_code' as const }] },
        { id: 'second', tool: 'shell', needs: ['approve'], input: { command: 'echo second' }, verify: [{ kind: 'exit_code' as const }] },
        { id: 'other-root', tool: 'shell', input: { command: 'echo other' }, verify: [{ kind: 'exit_code' as const }] },
      ],
    };
    const { run } = await core.runs.enqueue({ plan, lane: 'C' });
    const { approval } = await waitForApproval(core, run.id, 'approve-1');
    const shown = ShownDocumentSchema.parse(approval.shown);
    assert.equal(shown.prompt, 'Run this in production?');
    assert.deepEqual(shown.run.params, { env: 'prod' });
    assert.deepEqual(shown.evidence, []);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const waiting = await core.runs.get(run.id);
    assert.deepEqual(waiting.steps.map((s) => [s.stepId, s.status, s.startedAt === null]),
      [['approve-1', 'running', false], ['approve', 'pending', true], ['second', 'pending', true], ['other-root', 'pending', true]]);
    assert.equal((await core.runs.events(run.id)).filter((e) => e.kind === 'output').length, 0, 'no command ran');
    await core.approvals.decide({ runId: run.id, stepId: 'approve-1', decision: 'approve', shownSha256: approval.shownSha256 });
    assert.equal((await finished(core, run.id)).status, 'succeeded');

    const again = await core.runs.retry(run.id);
    const { approval: second } = await waitForApproval(core, again.id, 'approve-1');
    assert.equal(second.status, 'pending');
    const { steps } = await core.runs.get(again.id);
    assert.deepEqual(steps.map((s) => s.stepId), ['approve-1', 'approve', 'second', 'other-root'], 'one gate, not two');
    await core.runs.cancel(again.id);
    await finished(core, again.id);
  });

  test('a run taken back while it waits (the app closed) asks again with the same document: the pending approval still holds', async () => {
    const dataDir = join(tempDir().path, 'data');
    const first = await createCore({ dataDir, lanes: ['A'] });
    const plan = { irVersion: 1, name: 'survives a restart', approval: { prompt: 'Go?' },
      steps: [{ id: 'work', tool: 'shell', input: { command: 'echo work' }, verify: [{ kind: 'exit_code' as const }] }] };
    const { run } = await first.runs.enqueue({ plan });
    const { event, approval } = await waitForApproval(first, run.id, 'approve');
    await first.close({ graceMs: 0 });

    const second = await createCore({ dataDir, lanes: ['A'] });
    try {
      const again = await waitForApproval(second, run.id, 'approve', event.seq);
      assert.match(again.event.message, /^still waiting for approval: Go\? — approve in the run view or: opsroom approve \d+ approve$/);
      assert.deepEqual([again.approval.status, again.approval.attempt, again.approval.shownSha256], ['pending', 1, approval.shownSha256]);
      await second.approvals.decide({ runId: run.id, stepId: 'approve', decision: 'approve', shownSha256: approval.shownSha256 });
      assert.equal((await finished(second, run.id)).status, 'succeeded');
    } finally {
      await second.close({ graceMs: 0 });
    }
  });
});
