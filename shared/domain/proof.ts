import { z } from 'zod';

export const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 is 64 lowercase hex digits');

/** One verifier's verdict on one step attempt, with the evidence it saw. */
export const ProofSchema = z.object({
  id: z.number().int(),
  runId: z.number().int(),
  stepId: z.string(),
  /** The run's attempt, and the step's try within it (a step with a retry policy tries again in place). */
  attempt: z.number().int(),
  try: z.number().int(),
  verifierKind: z.enum(['http', 'exit_code', 'sql', 'file', 'output', 'approval']),
  config: z.record(z.string(), z.unknown()),
  passed: z.boolean(),
  summary: z.string(),
  evidence: z.record(z.string(), z.unknown()),
  /** sha256 of the evidence as RFC 8785 canonical JSON (sorted keys, no spaces). */
  evidenceSha256: Sha256Schema,
  /** Full evidence too large to keep inline (an HTTP body, a long output), by content hash. */
  artifactSha256: Sha256Schema.nullable(),
  startedAt: z.date(),
  finishedAt: z.date(),
  /** 'before': a pre-check; 'after': the proof of the step's action; 'recheck': a recorded outcome verified
   * again against live state (resume, re-prove), recheckOf naming the proof it re-checks. */
  phase: z.enum(['before', 'after', 'recheck']),
  recheckOf: z.number().int().nullable(),
});

export type Proof = z.infer<typeof ProofSchema>;
