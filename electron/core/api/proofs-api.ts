import type { Proof } from '../../../shared/domain/proof.ts';
import type { ProofBundle } from '../../../shared/domain/proof-bundle.ts';
import type { ArtifactInfo } from '../../../shared/ipc/methods/proofs.ts';
import { buildProofBundle } from '../proofs/bundle.ts';
import { verifyProofBundle } from '../proofs/verify-bundle.ts';
import type { Store } from '../queue/store.ts';

export interface ProofsApi {
  list(runId: number): Promise<Proof[]>;
  /** One JSON document with the plan, the run, every proof and (optionally) the large evidence itself. */
  bundle(runId: number, options?: { includeArtifacts?: boolean }): Promise<ProofBundle>;
  /** Re-checks every hash in a bundle, as a third party would. */
  verify(bundle: unknown): ReturnType<typeof verifyProofBundle>;
}

export function proofsApi(store: Store): ProofsApi {
  return {
    list: (runId) => store.listProofs(runId),
    async bundle(runId, options = {}) {
      const { run, steps } = await store.getRun(runId);
      const [{ plan, contentHash }, proofs, artifacts] = await Promise.all([
        store.getPlan(run.planId), store.listProofs(runId), store.listArtifacts(runId, options.includeArtifacts ?? false),
      ]);
      return buildProofBundle({
        run: { id: run.id, title: run.title, status: run.status, attempt: run.attempt, startedAt: run.startedAt,
          finishedAt: run.finishedAt, input: run.input },
        plan: { ir: plan, contentHash },
        steps: steps.map((s) => ({ stepId: s.stepId, tool: s.tool, status: s.status, exitCode: s.exitCode, attempt: s.attempt,
          startedAt: s.startedAt, finishedAt: s.finishedAt, error: s.error })),
        proofs,
        artifacts,
      }, options);
    },
    verify: (bundle) => verifyProofBundle(bundle),
  };
}

export interface ArtifactsApi {
  /** A run's stored artifacts (the large evidence of its proofs), without their bytes. */
  list(runId: number): Promise<ArtifactInfo[]>;
  /** One artifact with its bytes; UNKNOWN_ARTIFACT if the run has none with that hash. */
  get(runId: number, sha256: string): Promise<ArtifactInfo & { content: Uint8Array }>;
}

export function artifactsApi(store: Store): ArtifactsApi {
  return {
    list: (runId) => store.listArtifacts(runId, false),
    get: (runId, sha256) => store.getArtifact(runId, sha256),
  };
}
