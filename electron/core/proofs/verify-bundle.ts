import { ProofBundleSchema } from '../../../shared/domain/proof-bundle.ts';
import { canonicalJson, planHash } from '../plans/plan-hash.ts';
import { approvalProofProblem } from './approval-proof.ts';
import { evidenceSha256, sha256Hex } from './evidence.ts';

export interface BundleVerdict {
  ok: boolean;
  problems: string[];
  checked: { proofs: number; artifacts: number };
}

/**
 * Checks a proof bundle (format https://opsroom.dev/proof-bundle/v1) the way a third party would. The rule,
 * for re-implementing it elsewhere:
 *
 * - canonical JSON of a value: objects with their members sorted by key (UTF-16 code units, as JavaScript's
 *   `<` compares strings) at every depth, no whitespace; strings, numbers, true/false/null written as
 *   ECMAScript's JSON.stringify writes them (RFC 8785 style); arrays keep their order.
 * - sha256 values are 64 lowercase hex digits of SHA-256 over the canonical JSON's UTF-8 bytes.
 * - plan.contentHash = sha256(canonical(plan.ir)).
 * - each proof's evidenceSha256 = sha256(canonical(evidence)); a non-null artifactSha256 names an artifact
 *   listed in `artifacts`.
 * - an artifact with contentBase64 (standard base64, padded): the decoded bytes number `size` and hash
 *   (sha256 of the raw bytes) to `sha256`.
 * - digest = sha256(canonical(the whole bundle without its "digest" member)).
 * - an `approval` proof is judged again from its evidence: the shown document's digest (sha256(canonical(
 *   evidence.shown)), or its artifactSha256 when the document was kept as its artifact) equals
 *   evidence.documentSha256 and evidence.shownSha256, and passed = (decision 'approved' with approvedSha256
 *   equal to that digest) or (decision 'expired' with onTimeout 'continue').
 */
export function verifyProofBundle(doc: unknown): BundleVerdict {
  const parsed = ProofBundleSchema.safeParse(doc);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `not a proof bundle: ${issue.path.join('.') || '(document)'}: ${issue.message}`);
    return { ok: false, problems, checked: { proofs: 0, artifacts: 0 } };
  }
  const bundle = parsed.data;
  const problems: string[] = [];
  const planSha = planHash(bundle.plan.ir);
  if (planSha !== bundle.plan.contentHash) {
    problems.push(`plan: contentHash ${bundle.plan.contentHash} does not match the plan IR, which hashes to ${planSha}`);
  }
  const listed = new Set<string>();
  let artifacts = 0;
  for (const artifact of bundle.artifacts) {
    const label = `artifact "${artifact.name}" (${artifact.sha256})`;
    if (listed.has(artifact.sha256)) problems.push(`${label}: listed twice`);
    listed.add(artifact.sha256);
    if (artifact.contentBase64 === undefined) continue;
    artifacts++;
    const bytes = Buffer.from(artifact.contentBase64, 'base64');
    if (bytes.toString('base64') !== artifact.contentBase64) {
      problems.push(`${label}: contentBase64 is not valid base64`);
      continue;
    }
    if (bytes.length !== artifact.size) problems.push(`${label}: content is ${bytes.length} bytes, the bundle says ${artifact.size}`);
    const actual = sha256Hex(bytes);
    if (actual !== artifact.sha256) problems.push(`${label}: content hashes to ${actual}`);
  }
  bundle.proofs.forEach((proof, index) => {
    const label = `proof ${index + 1} (step "${proof.stepId}", ${proof.verifierKind}, attempt ${proof.attempt}, try ${proof.try})`;
    const actual = evidenceSha256(proof.evidence);
    if (actual !== proof.evidenceSha256) problems.push(`${label}: evidence hashes to ${actual}, not its evidenceSha256 ${proof.evidenceSha256}`);
    if (proof.artifactSha256 !== null && !listed.has(proof.artifactSha256)) {
      problems.push(`${label}: its artifact ${proof.artifactSha256} is not in the bundle's artifacts`);
    }
    const approval = proof.verifierKind === 'approval' ? approvalProofProblem(proof) : null;
    if (approval) problems.push(`${label}: ${approval}`);
  });
  // The raw document, not the parsed copy: the digest covers exactly the bytes a reader received.
  const { digest, ...unsigned } = doc as Record<string, unknown>;
  const actualDigest = sha256Hex(canonicalJson(unsigned));
  if (actualDigest !== digest) problems.push(`digest: the bundle hashes to ${actualDigest}, not its digest ${String(digest)}`);
  return { ok: problems.length === 0, problems, checked: { proofs: bundle.proofs.length, artifacts } };
}
