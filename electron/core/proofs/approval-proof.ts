import { ApprovalRecordSchema } from '../../../shared/domain/approval.ts';
import { judgeApproval } from '../verifiers/approval.ts';
import { evidenceSha256 } from './evidence.ts';

/**
 * An `approval` proof judged again from its stored evidence alone (what a bundle's reader has): the document's
 * digest is recomputed from the evidence's `shown`, or, for a document kept as the proof's artifact, is that
 * artifact's sha256 (its bytes are the canonical JSON, checked against the hash when the bundle carries them).
 * Returns what is wrong, or null when the recorded verdict is the one the evidence gives.
 */
export function approvalProofProblem(proof: { passed: boolean; evidence: Record<string, unknown>; artifactSha256: string | null }): string | null {
  const { shown, documentSha256, ...rest } = proof.evidence;
  const record = ApprovalRecordSchema.omit({ shown: true }).safeParse(rest);
  if (!record.success) return proof.passed ? 'an approval proof that passed without a decision record in its evidence' : null;
  const actual = shown !== undefined ? evidenceSha256(shown) : proof.artifactSha256;
  if (actual === null) return 'an approval proof without its shown document (neither in its evidence nor as its artifact)';
  if (documentSha256 !== actual) return `its shown document hashes to ${actual}, not the documentSha256 ${String(documentSha256)} it records`;
  const verdict = judgeApproval(record.data, actual);
  if (verdict.passed === proof.passed) return null;
  return proof.passed ? `recorded as passed, but its evidence does not hold: ${verdict.summary}` : `recorded as failed, but its evidence passes: ${verdict.summary}`;
}
