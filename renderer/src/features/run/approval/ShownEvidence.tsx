import type { ShownEvidence as Evidence } from '../../../../../shared/domain/approval.ts';

/** The earlier steps' proofs as the approval shows them: one line per verdict, with its evidence hash. */
export function ShownEvidence({ evidence }: { evidence: Evidence[] }) {
  if (!evidence.length) return <p className="approval-none">No earlier step: nothing has run yet.</p>;
  return (
    <ul className="approval-evidence" aria-label="Evidence">
      {evidence.map((step) => (
        <li key={step.stepId}>
          <span className={`status-${step.status === 'succeeded' ? 'succeeded' : step.status === 'failed' ? 'failed' : 'queued'} approval-step-status`}>
            {step.stepId} {step.status}{step.settledBy !== 'run' ? ` (${step.settledBy})` : ''}
          </span>
          <ul>
            {step.proofs.map((proof) => (
              <li key={proof.id}>
                <span className={proof.passed ? 'approval-proved' : 'approval-not-proved'}>{proof.passed ? '✓ proved' : '✗ not proved'}</span>
                {' '}<code>{proof.verifierKind}</code>: {proof.summary} <code className="sha">sha256:{proof.evidenceSha256.slice(0, 12)}</code>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
