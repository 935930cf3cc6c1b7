import { z } from 'zod';
import { ProofSchema, Sha256Schema } from '../../domain/proof.ts';
import { ProofBundleSchema } from '../../domain/proof-bundle.ts';
import { method } from './define.ts';

export const ArtifactInfoSchema = z.object({
  stepId: z.string().nullable(), name: z.string(), sha256: Sha256Schema, size: z.number().int(), mediaType: z.string(),
});
export type ArtifactInfo = z.infer<typeof ArtifactInfoSchema>;

const RunId = z.number().int().positive();

export const proofMethods = {
  'proofs.list': method(z.strictObject({ runId: RunId }), z.array(ProofSchema), 'every verdict of a run, with its evidence'),
  'proofs.bundle': method(z.strictObject({ runId: RunId, includeArtifacts: z.boolean().default(false) }), ProofBundleSchema,
    'the run\'s proof bundle: what `opsroom proofs verify` re-checks'),
  'artifacts.list': method(z.strictObject({ runId: RunId }), z.array(ArtifactInfoSchema), 'a run\'s stored artifacts'),
  'artifacts.get': method(z.strictObject({ runId: RunId, sha256: Sha256Schema }),
    ArtifactInfoSchema.extend({ contentBase64: z.string() }), 'one artifact with its content'),
};
