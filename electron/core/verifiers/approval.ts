import { ApprovalRecordSchema, type ApprovalRecord } from '../../../shared/domain/approval.ts';
import type { ApprovalVerifier } from '../../../shared/ir/verifier.ts';
import { canonicalJson } from '../plans/plan-hash.ts';
import { evidenceSha256 } from '../proofs/evidence.ts';
import type { VerifierModule, VerifierOutcome } from './verifier.ts';

/** A shown document up to this size stays in the proof's evidence; a larger one (a long diff) is stored once
 * as the proof's artifact: its canonical JSON, whose sha256 is then the document's digest itself. */
export const INLINE_SHOWN_BYTES = 16 * 1024;

/** The record as a proof keeps it: the decision and the digests; `shown` only when it is small. */
export type ApprovalEvidence = Omit<ApprovalRecord, 'shown'> & { documentSha256: string; shown?: Record<string, unknown> };

const short = (sha: string | null) => (sha ? `sha256:${sha.slice(0, 12)}` : 'no digest');

/**
 * The verdict on a decision record, given the digest its shown document hashes to now. One rule, used when
 * the step is proven and again when a proof bundle is checked: approved (or expired with onTimeout
 * 'continue'), and the document hashes to the digest the step asked about and the decider quoted.
 */
export function judgeApproval(record: Omit<ApprovalRecord, 'shown'>, documentSha256: string): { passed: boolean; summary: string } {
  if (documentSha256 !== record.shownSha256) {
    return { passed: false, summary: `void: the shown document now hashes to ${short(documentSha256)}, not the ${short(record.shownSha256)} the step asked about (it changed after it was shown)` };
  }
  const note = record.comment ? `: "${record.comment}"` : '';
  switch (record.decision) {
    case 'approved':
      if (record.approvedSha256 !== documentSha256) {
        return { passed: false, summary: `void: approved for ${short(record.approvedSha256)}, but the shown document is ${short(documentSha256)}: an approval of other evidence` };
      }
      return { passed: true, summary: `approved by ${record.by} at ${record.at}${note} (shown ${short(documentSha256)})` };
    case 'rejected':
      return { passed: false, summary: `rejected by ${record.by} at ${record.at}${note}` };
    case 'expired':
      return record.onTimeout === 'continue'
        ? { passed: true, summary: `nobody decided by ${record.at}: the run went on (on timeout: continue)` }
        : { passed: false, summary: `nobody decided by ${record.at} (on timeout: fail)` };
  }
}

export const approvalVerifier: VerifierModule<ApprovalVerifier> = {
  kind: 'approval',
  async verify(_config, ctx): Promise<VerifierOutcome> {
    const parsed = ApprovalRecordSchema.safeParse(ctx.step.result);
    if (!parsed.success) {
      return { passed: false, summary: 'no approval decision to check: the approval verifier proves only an `approval` step', evidence: { error: 'no decision record' } };
    }
    const { shown, ...record } = parsed.data;
    const text = canonicalJson(shown);
    const documentSha256 = evidenceSha256(shown);
    const verdict = judgeApproval(record, documentSha256);
    const small = Buffer.byteLength(text) <= INLINE_SHOWN_BYTES;
    const evidence: ApprovalEvidence = { ...record, documentSha256, ...(small ? { shown } : {}) };
    return {
      ...verdict,
      evidence,
      ...(small ? {} : { large: { name: 'approval-shown.json', mediaType: 'application/json', content: Buffer.from(text) } }),
    };
  },
};
