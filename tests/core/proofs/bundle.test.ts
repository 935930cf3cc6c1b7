import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildProofBundle, type ProofBundleInput } from '../../../electron/core/proofs/bundle.ts';
import { evidenceSha256, sha256Hex } from '../../../electron/core/proofs/evidence.ts';
import { verifyProofBundle } from '../../../electron/core/proofs/verify-bundle.ts';
import { planHash } from '../../../electron/core/plans/plan-hash.ts';
import { runVerifier } from '../../../electron/core/verifiers/index.ts';
import type { Proof } from '../../../shared/domain/proof.ts';
import { PROOF_BUNDLE_FORMAT, ProofBundleSchema, type ProofBundle } from '../../../shared/domain/proof-bundle.ts';
import type { Verifier } from '../../../shared/ir/verifier.ts';
import { verifyContext } from '../verifiers/context.ts';

const ir = {
  irVersion: 1,
  name: 'deploy',
  steps: [
    { id: 'build', tool: 'shell', input: { command: 'make' }, verify: [{ kind: 'exit_code' }] },
    { id: 'check', tool: 'shell', input: { command: 'cat log' }, needs: ['build'], verify: [{ kind: 'output', regex: 'ready' }] },
  ],
};
const body = new TextEncoder().encode('<html>'.padEnd(6000, '.'));
const at = (seconds: number) => new Date(Date.UTC(2025, 0, 2, 3, 4, seconds));

/** Proofs made by running the real verifiers, hashed the way the executor stores them. */
async function proof(id: number, stepId: string, config: Verifier, step: Parameters<typeof verifyContext>[0], artifactSha256: string | null = null): Promise<Proof> {
  const outcome = await runVerifier(config, verifyContext(step));
  return {
    id, runId: 7, stepId, attempt: 1, try: 1, verifierKind: config.kind, config: { ...config }, passed: outcome.passed, summary: outcome.summary,
    evidence: outcome.evidence, evidenceSha256: evidenceSha256(outcome.evidence), artifactSha256,
    startedAt: outcome.startedAt, finishedAt: outcome.finishedAt, phase: 'after', recheckOf: null,
  };
}

async function input(): Promise<ProofBundleInput> {
  return {
    run: { id: 7, title: 'deploy', status: 'succeeded', attempt: 1, startedAt: at(0), finishedAt: at(9), input: { env: 'prod' } },
    plan: { ir, contentHash: planHash(ir) },
    steps: [
      { stepId: 'build', tool: 'shell', status: 'succeeded', exitCode: 0, attempt: 1, startedAt: at(1), finishedAt: at(4), error: null },
      { stepId: 'check', tool: 'shell', status: 'succeeded', exitCode: 0, attempt: 1, startedAt: at(5), finishedAt: at(8), error: null },
    ],
    proofs: [
      await proof(1, 'build', { kind: 'exit_code' }, { exitCode: 0 }),
      await proof(2, 'check', { kind: 'output', regex: 'ready' }, { stdout: 'server ready\n' }, sha256Hex(body)),
    ],
    artifacts: [{ sha256: sha256Hex(body), size: body.length, mediaType: 'text/html', name: 'http-response-body', content: body }],
  };
}

/** A bundle as a third party gets it: a JSON file, parsed. */
const fromFile = (bundle: ProofBundle): ProofBundle => JSON.parse(JSON.stringify(bundle, null, 2));

describe('proof bundle', () => {
  test('a built bundle matches its schema and verifies, also after a trip through a JSON file', async () => {
    const bundle = buildProofBundle(await input(), { includeArtifacts: true });
    assert.equal(bundle.format, PROOF_BUNDLE_FORMAT);
    ProofBundleSchema.parse(bundle);
    assert.equal(bundle.run.startedAt, '2025-01-02T03:04:00.000Z');
    assert.equal(bundle.artifacts[0]!.contentBase64, Buffer.from(body).toString('base64'));
    assert.deepEqual(verifyProofBundle(fromFile(bundle)), { ok: true, problems: [], checked: { proofs: 2, artifacts: 1 } });
  });

  test('building is deterministic, and an artifact stored twice is listed once', async () => {
    const data = await input();
    const once = buildProofBundle(data);
    const twice = buildProofBundle({ ...data, artifacts: [...data.artifacts, ...data.artifacts] });
    assert.equal(twice.artifacts.length, 1);
    assert.equal(twice.digest, once.digest);
  });

  test('by default artifacts are listed by hash only; the bundle still verifies, checking no bytes', async () => {
    const bundle = fromFile(buildProofBundle(await input()));
    assert.equal('contentBase64' in bundle.artifacts[0]!, false);
    assert.deepEqual(verifyProofBundle(bundle), { ok: true, problems: [], checked: { proofs: 2, artifacts: 0 } });
  });

  test('a changed evidence value is reported on its proof', async () => {
    const bundle = fromFile(buildProofBundle(await input()));
    bundle.proofs[0]!.evidence.exitCode = 1;
    const verdict = verifyProofBundle(bundle);
    assert.equal(verdict.ok, false);
    assert.match(verdict.problems[0]!, /^proof 1 \(step "build", exit_code, attempt 1, try 1\): evidence hashes to [0-9a-f]{64}, not its evidenceSha256/);
    assert.match(verdict.problems[1]!, /^digest: /);
    assert.equal(verdict.problems.length, 2);
  });

  test('a changed plan step is reported on the plan', async () => {
    const bundle = fromFile(buildProofBundle(await input()));
    (bundle.plan.ir.steps as { input: { command: string } }[])[0]!.input.command = 'make deploy-anyway';
    const verdict = verifyProofBundle(bundle);
    assert.match(verdict.problems[0]!, /^plan: contentHash [0-9a-f]{64} does not match the plan IR/);
    assert.deepEqual(verdict.problems.map((p) => p.split(':')[0]), ['plan', 'digest']);
  });

  test('a changed artifact byte is reported on the artifact', async () => {
    const bundle = fromFile(buildProofBundle(await input(), { includeArtifacts: true }));
    const bytes = Buffer.from(bundle.artifacts[0]!.contentBase64!, 'base64');
    bytes[100] ^= 1;
    bundle.artifacts[0]!.contentBase64 = bytes.toString('base64');
    const verdict = verifyProofBundle(bundle);
    assert.match(verdict.problems[0]!, new RegExp(`^artifact "http-response-body" \\(${sha256Hex(body)}\\): content hashes to ${sha256Hex(bytes)}`));
    assert.equal(verdict.problems.length, 2);
  });

  test('a changed digest, or a proof pointing at a missing artifact, is reported', async () => {
    const bundle = fromFile(buildProofBundle(await input()));
    const digest = bundle.digest;
    bundle.digest = `${digest[0] === '0' ? '1' : '0'}${digest.slice(1)}`;
    assert.deepEqual(verifyProofBundle(bundle).problems, [`digest: the bundle hashes to ${digest}, not its digest ${bundle.digest}`]);
    const orphan = fromFile(buildProofBundle({ ...(await input()), artifacts: [] }));
    const verdict = verifyProofBundle(orphan);
    assert.deepEqual(verdict.problems, [`proof 2 (step "check", output, attempt 1, try 1): its artifact ${sha256Hex(body)} is not in the bundle's artifacts`]);
  });

  test('a document that is not a bundle is rejected with the reason', () => {
    const verdict = verifyProofBundle({ format: 'something else' });
    assert.equal(verdict.ok, false);
    assert.ok(verdict.problems.some((problem) => problem.startsWith('not a proof bundle: format:')), verdict.problems.join('\n'));
    assert.deepEqual(verdict.checked, { proofs: 0, artifacts: 0 });
  });
});
