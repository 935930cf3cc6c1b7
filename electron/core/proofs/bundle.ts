import type { Proof } from '../../../shared/domain/proof.ts';
import { PROOF_BUNDLE_FORMAT, type BundleArtifact, type ProofBundle } from '../../../shared/domain/proof-bundle.ts';
import type { RunStatus, StepStatus } from '../../../shared/domain/run.ts';
import { canonicalJson } from '../plans/plan-hash.ts';
import { sha256Hex } from './evidence.ts';

export interface ProofBundleInput {
  run: { id: number; title: string; status: RunStatus; attempt: number; startedAt: Date | null; finishedAt: Date | null; input: Record<string, unknown> };
  plan: { ir: Record<string, unknown>; contentHash: string };
  steps: {
    stepId: string; tool: string; status: StepStatus; exitCode: number | null; attempt: number;
    startedAt: Date | null; finishedAt: Date | null; error: string | null;
  }[];
  proofs: Proof[];
  artifacts: { sha256: string; size: number; mediaType: string; name: string; content?: Uint8Array | null }[];
}

export interface ProofBundleOptions {
  /** Embed each artifact's bytes (base64), so the bundle is self-contained; default false (hashes only). */
  includeArtifacts?: boolean;
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

/**
 * The proof bundle of one run: everything in one JSON document, sealed by `digest` (see verify-bundle.ts for
 * the rule). Building it never "fixes" anything: stored hashes are copied as they are, so a row changed after
 * the fact shows up when the bundle is verified.
 */
export function buildProofBundle(input: ProofBundleInput, options: ProofBundleOptions = {}): ProofBundle {
  const includeArtifacts = options.includeArtifacts ?? false;
  const artifacts = new Map<string, BundleArtifact>();
  for (const { sha256, size, mediaType, name, content } of input.artifacts) {
    // Content-addressed: the same bytes stored twice (two steps, one body) are listed once.
    if (artifacts.has(sha256)) continue;
    const contentBase64 = includeArtifacts && content ? Buffer.from(content).toString('base64') : undefined;
    artifacts.set(sha256, { sha256, size, mediaType, name, ...(contentBase64 === undefined ? {} : { contentBase64 }) });
  }
  const { run } = input;
  const unsigned = {
    format: PROOF_BUNDLE_FORMAT,
    run: { id: run.id, title: run.title, status: run.status, attempt: run.attempt, startedAt: iso(run.startedAt), finishedAt: iso(run.finishedAt), input: run.input },
    plan: { contentHash: input.plan.contentHash, ir: input.plan.ir },
    steps: input.steps.map((step) => ({
      stepId: step.stepId, tool: step.tool, status: step.status, exitCode: step.exitCode, attempt: step.attempt,
      startedAt: iso(step.startedAt), finishedAt: iso(step.finishedAt), error: step.error,
    })),
    proofs: input.proofs.map((proof) => ({
      id: proof.id, stepId: proof.stepId, attempt: proof.attempt, try: proof.try, verifierKind: proof.verifierKind, config: proof.config,
      passed: proof.passed, summary: proof.summary, evidence: proof.evidence, evidenceSha256: proof.evidenceSha256,
      artifactSha256: proof.artifactSha256, startedAt: proof.startedAt.toISOString(), finishedAt: proof.finishedAt.toISOString(),
      phase: proof.phase, recheckOf: proof.recheckOf,
    })),
    artifacts: [...artifacts.values()],
  };
  // Hash exactly what a reader will parse back: the JSON round trip drops what JSON cannot carry (undefined).
  const body = JSON.parse(JSON.stringify(unsigned)) as Omit<ProofBundle, 'digest'>;
  return { ...body, digest: sha256Hex(canonicalJson(body)) };
}
