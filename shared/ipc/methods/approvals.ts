import { z } from 'zod';
import { ApprovalSchema, PendingApprovalSchema } from '../../domain/approval.ts';
import { Sha256Schema } from '../../domain/proof.ts';
import { method } from './define.ts';

const RunId = z.number().int().positive();
const StepId = z.string().min(1).max(64);

export const approvalMethods = {
  'approvals.list': method(z.strictObject({ pending: z.boolean().optional(), runId: RunId.optional() }), z.array(PendingApprovalSchema),
    'approvals newest first: those still waiting (pending), or one run\'s'),
  'approvals.get': method(z.strictObject({ runId: RunId, stepId: StepId }), ApprovalSchema,
    'the approval a run\'s step asks for, with the document it shows'),
  'approvals.decide': method(z.strictObject({
    runId: RunId,
    stepId: StepId,
    decision: z.enum(['approve', 'reject']),
    /** The digest of the document the person was shown: a decision about anything else is refused as void. */
    shownSha256: Sha256Schema,
    by: z.string().trim().min(1).max(200).optional(),
    comment: z.string().max(2000).optional(),
  }), ApprovalSchema, 'approve or reject what a step shows, quoting the sha256 of what was shown'),
};
