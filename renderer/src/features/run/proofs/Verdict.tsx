import type { Proof } from '../../../../../shared/domain/proof.ts';
import { CopyButton } from '../common/CopyButton.tsx';
import { JsonBlock } from './JsonBlock.tsx';

/** One verifier's verdict: passed or failed (icon + word), what it checked, what it saw, and the evidence hash. */
export function Verdict({ proof, onOpenArtifact }: { proof: Proof; onOpenArtifact: (sha256: string) => void }) {
  return (
    <li className={`verdict ${proof.passed ? 'is-passed' : 'is-failed'}`}>
      <div className="verdict-head">
        <span className={`verdict-result status-${proof.passed ? 'succeeded' : 'failed'}`}>
          <span aria-hidden="true">{proof.passed ? '✓' : '✗'} </span>{proof.passed ? 'passed' : 'failed'}
        </span>
        <code className="verdict-kind">{proof.verifierKind}</code>
        <span className="verdict-summary">{proof.summary}</span>
      </div>
      <JsonBlock label="Config" value={proof.config} />
      <JsonBlock label="Evidence" value={proof.evidence} />
      <div className="verdict-hash">
        <span>Evidence sha256</span>
        <code className="sha">{proof.evidenceSha256}</code>
        <CopyButton value={proof.evidenceSha256} label="Copy evidence sha256" />
      </div>
      {proof.artifactSha256 && (
        <div className="verdict-hash">
          <span>Full evidence</span>
          <button type="button" className="btn-link" onClick={() => onOpenArtifact(proof.artifactSha256!)}>
            Open artifact <code className="sha">{proof.artifactSha256.slice(0, 12)}</code>
          </button>
        </div>
      )}
    </li>
  );
}
