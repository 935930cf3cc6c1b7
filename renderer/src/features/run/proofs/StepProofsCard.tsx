import { Verdict } from './Verdict.tsx';
import type { StepProofs } from './group-proofs.ts';

/** A step's verdicts by try, headed by whether the step is proven (its last try passed every verifier). */
export function StepProofsCard({ group, label, onOpenArtifact }: {
  group: StepProofs;
  label: string;
  onOpenArtifact: (sha256: string) => void;
}) {
  const headingId = `proofs-step-${group.stepId}`;
  return (
    <article className="proof-step" aria-labelledby={headingId}>
      <h3 id={headingId} className="proof-step-title">
        {label}{' '}
        <span className={`proof-verdict status-${group.proven ? 'succeeded' : 'failed'}`}>
          <span aria-hidden="true">{group.proven ? '✓' : '✗'} </span>{group.proven ? 'proven' : 'not proven'}
        </span>
      </h3>
      {group.tries.length === 0 && <p className="proof-none">No verdicts yet: the step has not been checked.</p>}
      {group.tries.map((entry) => (
        <section key={`${entry.attempt}/${entry.try}`} className="proof-try" aria-label={`Attempt ${entry.attempt}, try ${entry.try}`}>
          <h4 className="proof-try-title">
            Attempt {entry.attempt}, try {entry.try}: {entry.passed ? 'every verifier passed' : 'a verifier failed'}
          </h4>
          <ul className="verdict-list">
            {entry.proofs.map((proof) => <Verdict key={proof.id} proof={proof} onOpenArtifact={onOpenArtifact} />)}
          </ul>
        </section>
      ))}
    </article>
  );
}
