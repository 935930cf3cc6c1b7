import { z } from 'zod';
import { ProofSchema, Sha256Schema } from './proof.ts';
import { RunStatusSchema, StepStatusSchema } from './run.ts';

/**
 * A proof bundle: one JSON document that shows what a run did and what proves it (the plan, its steps, every
 * verifier's evidence, the large evidence), pinned by one hash, `digest`. Anyone can check it without the app:
 * electron/core/proofs/verify-bundle.ts states the hashing rule.
 */
export const PROOF_BUNDLE_FORMAT = 'https://opsroom.dev/proof-bundle/v1';


const Int = z.number().int();
const IsoDate = z.iso.datetime();

export const BundleRunSchema = z.strictObject({
  id: Int,
  title: z.string(),
  status: RunStatusSchema,
  attempt: Int,
  startedAt: IsoDate.nullable(),
  finishedAt: IsoDate.nullable(),
  input: z.record(z.string(), z.unknown()),
});

export const BundleStepSchema = z.strictObject({
  stepId: z.string(),
  tool: z.string(),
  status: StepStatusSchema,
  exitCode: Int.nullable(),
  attempt: Int,
  startedAt: IsoDate.nullable(),
  finishedAt: IsoDate.nullable(),
  error: z.string().nullable(),
});

/** A stored proof as exported: the same fields, minus the run id (the bundle's), with ISO dates. */
export const BundleProofSchema = z.strictObject({
  ...ProofSchema.omit({ runId: true }).shape,
  startedAt: IsoDate,
  finishedAt: IsoDate,
});

export const BundleArtifactSchema = z.strictObject({
  sha256: Sha256Schema,
  size: Int.min(0),
  mediaType: z.string(),
  name: z.string(),
  /** The bytes, standard base64 with padding; absent when the bundle was built without artifact contents. */
  contentBase64: z.string().optional(),
});

export const ProofBundleSchema = z.strictObject({
  format: z.literal(PROOF_BUNDLE_FORMAT),
  run: BundleRunSchema,
  plan: z.strictObject({ contentHash: Sha256Schema, ir: z.record(z.string(), z.unknown()) }),
  steps: z.array(BundleStepSchema),
  proofs: z.array(BundleProofSchema),
  artifacts: z.array(BundleArtifactSchema),
  digest: Sha256Schema,
});

export type BundleRun = z.infer<typeof BundleRunSchema>;
export type BundleStep = z.infer<typeof BundleStepSchema>;
export type BundleProof = z.infer<typeof BundleProofSchema>;
export type BundleArtifact = z.infer<typeof BundleArtifactSchema>;
export type ProofBundle = z.infer<typeof ProofBundleSchema>;
