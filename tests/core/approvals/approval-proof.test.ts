import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ApprovalRecord } from '../../../shared/domain/approval.ts';
import type { Proof } from '../../../shared/domain/proof.ts';
import { planHash } from '../../../electron/core/plans/plan-hash.ts';
import { buildProofBundle } from '../../../electron/core/proofs/bundle.ts';
import { evidenceSha256, sha256Hex } from '../../../electron/core/proofs/evidence.ts';
import { verifyProofBundle } from '../../../electron/core/proofs/verify-bundle.ts';
import { runVerifier } from '../../../electron/core/verifiers/index.ts';
import { verifyContext } from '../verifiers/context.ts';

const shown = (diff: string) => ({ format: 'opsroom.approval/v1', prompt: 'Ship?', diff, evidence: [], step: { id: 'review' },
  run: { id: 7, title: 't', plan: 'p', planSha256: 'c'.repeat(64), params: {} } });

/** A decision record as the approval tool returns it, for the document shown. */
function record(doc: Record<string, unknown>, overrides: Partial<ApprovalRecord> = {}): ApprovalRecord {
  const sha = evidenceSha256(doc);
  return {
    decision: 'approved', by: 'alice@host', at: '2025-01-02T03:04:05.000Z', comment: 'ok', onTimeout: 'fail',
    requestedAt: '2025-01-02T03:00:00.000Z', expiresAt: null, shownSha256: sha, approvedSha256: sha, shown: doc, ...overrides,
  };
}

const verify = (result: unknown) => runVerifier({ kind: 'approval' }, verifyContext({ result }));

describe('the approval verifier', () => {
  test('passes only for an approval of the digest the document hashes to (or a timeout that may continue)', async () => {
    const doc = shown('+a');
    const approved = await verify(record(doc));
    assert.equal(approved.passed, true, approved.summary);
    assert.equal(approved.summary, `approved by alice@host at 2025-01-02T03:04:05.000Z: "ok" (shown sha256:${evidenceSha256(doc).slice(0, 12)})`);
    assert.deepEqual(approved.evidence.shown, doc);
    assert.equal(approved.evidence.documentSha256, evidenceSha256(doc));

    const otherEvidence = await verify({ ...record(doc), approvedSha256: 'd'.repeat(64) });
    assert.equal(otherEvidence.passed, false);
    assert.match(otherEvidence.summary, /^void: approved for sha256:dddddddddddd, but the shown document is sha256:[0-9a-f]{12}: an approval of other evidence$/);

    const changed = await verify({ ...record(doc), shown: shown('+b') });
    assert.equal(changed.passed, false);
    assert.match(changed.summary, /^void: the shown document now hashes to sha256:[0-9a-f]{12}, not the sha256:[0-9a-f]{12} the step asked about/);

    assert.equal((await verify(record(doc, { decision: 'rejected', comment: 'no' }))).summary, 'rejected by alice@host at 2025-01-02T03:04:05.000Z: "no"');
    const expired = { by: null, comment: null, approvedSha256: null, decision: 'expired' as const };
    assert.equal((await verify(record(doc, { ...expired, onTimeout: 'continue' }))).passed, true);
    assert.equal((await verify(record(doc, { ...expired }))).passed, false);
    const none = await verify({ exitCode: 0 });
    assert.deepEqual([none.passed, none.summary], [false, 'no approval decision to check: the approval verifier proves only an `approval` step']);
  });

  test('a long document (a big diff) is kept once as the proof\'s artifact: its canonical JSON, hashing to the digest', async () => {
    const doc = shown(`+${'x'.repeat(40_000)}`);
    const outcome = await verify(record(doc));
    assert.equal(outcome.passed, true);
    assert.equal(outcome.evidence.shown, undefined);
    assert.ok(outcome.large);
    assert.equal(sha256Hex(outcome.large.content), evidenceSha256(doc));
  });
});

describe('approval proofs in a proof bundle', () => {
  const ir = { irVersion: 1, name: 'p', steps: [{ id: 'review', tool: 'approval', input: { prompt: 'Ship?' }, verify: [{ kind: 'approval' }] }] };
  async function bundleOf(result: ApprovalRecord) {
    const outcome = await verify(result);
    const content = outcome.large?.content;
    const proof: Proof = {
      id: 1, runId: 7, stepId: 'review', attempt: 1, try: 1, verifierKind: 'approval', config: { kind: 'approval' }, passed: outcome.passed,
      summary: outcome.summary, evidence: outcome.evidence, evidenceSha256: evidenceSha256(outcome.evidence),
      artifactSha256: content ? sha256Hex(content) : null, startedAt: outcome.startedAt, finishedAt: outcome.finishedAt, phase: 'after', recheckOf: null,
    };
    return buildProofBundle({
      run: { id: 7, title: 't', status: 'succeeded', attempt: 1, startedAt: null, finishedAt: null, input: {} },
      plan: { ir, contentHash: planHash(ir) },
      steps: [{ stepId: 'review', tool: 'approval', status: 'succeeded', exitCode: null, attempt: 1, startedAt: null, finishedAt: null, error: null }],
      proofs: [proof],
      artifacts: content ? [{ sha256: sha256Hex(content), size: content.length, mediaType: 'application/json', name: 'approval-shown.json', content }] : [],
    }, { includeArtifacts: true });
  }
  /** The bundle with its proof's evidence changed, every hash recomputed: only the re-judging can tell. */
  function rehashed(bundle: ReturnType<typeof buildProofBundle>, change: (evidence: Record<string, unknown>) => void) {
    const { digest: _old, ...body } = structuredClone(bundle);
    const proof = body.proofs[0]!;
    change(proof.evidence);
    proof.evidenceSha256 = evidenceSha256(proof.evidence);
    return { ...body, digest: evidenceSha256(body) };
  }

  test('an intact approval proof verifies, inline or with its document as the artifact', async () => {
    assert.deepEqual(verifyProofBundle(await bundleOf(record(shown('+a')))).problems, []);
    assert.deepEqual(verifyProofBundle(await bundleOf(record(shown(`+${'y'.repeat(40_000)}`)))).problems, []);
  });

  test('an approval proof whose evidence was rewritten (and rehashed) is caught by judging it again', async () => {
    const bundle = await bundleOf(record(shown('+a')));
    const rejected = verifyProofBundle(rehashed(bundle, (e) => { e.decision = 'rejected'; }));
    assert.deepEqual(rejected.problems, ['proof 1 (step "review", approval, attempt 1, try 1): recorded as passed, but its evidence does not hold: rejected by alice@host at 2025-01-02T03:04:05.000Z: "ok"']);
    const otherDiff = verifyProofBundle(rehashed(bundle, (e) => { (e.shown as { diff: string }).diff = '+b'; }));
    assert.match(otherDiff.problems.join('\n'), /its shown document hashes to [0-9a-f]{64}, not the documentSha256 [0-9a-f]{64} it records/);
    const both = verifyProofBundle(rehashed(bundle, (e) => {
      (e.shown as { diff: string }).diff = '+b';
      e.documentSha256 = evidenceSha256(e.shown);
    }));
    assert.match(both.problems.join('\n'), /recorded as passed, but its evidence does not hold: void: the shown document now hashes to/);
  });
});
