import { z } from 'zod';
import { ProofSchema, Sha256Schema } from './proof.ts';
import { StepStatusSchema } from './run.ts';

/**
 * Approval gates (issue 8). An `approval` step shows a person a document (the shown document) and waits; the
 * decision quotes the sha256 of that document's canonical JSON (shared/domain/canonical-json.ts), so an
 * approval can never be replayed onto other evidence.
 */
export const SHOWN_DOCUMENT_FORMAT = 'opsroom.approval/v1';

/** An earlier step's proofs as shown: enough to judge, and each evidenceSha256 pins the full evidence. */
export const ShownEvidenceSchema = z.object({
  stepId: z.string(),
  status: StepStatusSchema,
  settledBy: z.string(),
  proofs: z.array(z.object({
    id: z.number().int(),
    verifierKind: ProofSchema.shape.verifierKind,
    passed: z.boolean(),
    summary: z.string(),
    evidenceSha256: Sha256Schema,
  })),
});

/** What the person is asked to approve, exactly: its digest is what a decision must quote. */
export const ShownDocumentSchema = z.object({
  format: z.literal(SHOWN_DOCUMENT_FORMAT),
  run: z.object({
    id: z.number().int(),
    title: z.string(),
    plan: z.string(),
    /** The plan's content hash: the approval holds for exactly this plan. */
    planSha256: Sha256Schema,
    /** The run's parameter values (secret ones as their markers, never the values). */
    params: z.record(z.string(), z.unknown()),
  }),
  /** The approval step as the plan declares it. */
  step: z.record(z.string(), z.unknown()),
  prompt: z.string(),
  diff: z.string().nullable(),
  evidence: z.array(ShownEvidenceSchema),
});
export type ShownDocument = z.infer<typeof ShownDocumentSchema>;
export type ShownEvidence = z.infer<typeof ShownEvidenceSchema>;

export const ApprovalStatusSchema = z.enum(['pending', 'approved', 'rejected', 'expired', 'cancelled']);
export type ApprovalStatus = z.infer<typeof ApprovalStatusSchema>;

export const OnTimeoutSchema = z.enum(['fail', 'continue']);

/** One stored approval (one run, step and run attempt). */
export const ApprovalSchema = z.object({
  runId: z.number().int(),
  stepId: z.string(),
  attempt: z.number().int(),
  prompt: z.string(),
  /** The document as stored, verbatim (not re-shaped by a schema, so its digest can be taken again). */
  shown: z.record(z.string(), z.unknown()),
  shownSha256: Sha256Schema,
  status: ApprovalStatusSchema,
  requestedAt: z.date(),
  expiresAt: z.date().nullable(),
  onTimeout: OnTimeoutSchema,
  decidedBy: z.string().nullable(),
  decidedAt: z.date().nullable(),
  comment: z.string().nullable(),
  approvedSha256: Sha256Schema.nullable(),
});
export type Approval = z.infer<typeof ApprovalSchema>;

/** A pending approval with its run's title, for lists (the tray, the top bar, `opsroom approvals`). */
export const PendingApprovalSchema = ApprovalSchema.extend({ runTitle: z.string() });
export type PendingApproval = z.infer<typeof PendingApprovalSchema>;

/**
 * The `approval` tool's result: the decision record its verifier judges and its proof keeps. Dates are ISO
 * text: the record travels as JSON (step results, proof evidence).
 */
export const ApprovalRecordSchema = z.object({
  decision: z.enum(['approved', 'rejected', 'expired']),
  by: z.string().nullable(),
  at: z.string().nullable(),
  comment: z.string().nullable(),
  onTimeout: OnTimeoutSchema,
  requestedAt: z.string(),
  expiresAt: z.string().nullable(),
  /** The digest the step asked about when it stored the document. */
  shownSha256: Sha256Schema,
  /** The digest the decider quoted (null when nobody decided). */
  approvedSha256: Sha256Schema.nullable(),
  /** The document as stored when the decision was read back. */
  shown: z.record(z.string(), z.unknown()),
});
export type ApprovalRecord = z.infer<typeof ApprovalRecordSchema>;

/** The payload of the log event an approval step writes when it starts waiting (notifications watch it). */
export interface ApprovalRequestedPayload {
  approval: 'requested';
  stepId: string;
  shownSha256: string;
  prompt: string;
}

/** Whether a run event is about an approval (requested, or decided): these go to every window, like status. */
export const isApprovalEvent = (event: { payload: Record<string, unknown> | null }): boolean =>
  typeof event.payload?.approval === 'string';
