import type { Recheck } from '../../../../../shared/domain/rerun.ts';
import { runHash } from '../../../app/route.ts';

const verdict = (passed: boolean) => (passed ? '✓ proved' : '✗ not proved');

/** Each re-check beside the proof it re-checked: what was proven then, what is true now; drift first. */
export function DriftTable({ rechecks }: { rechecks: readonly Recheck[] }) {
  const rows = [...rechecks].sort((a, b) => Number(a.passed) - Number(b.passed));
  const drift = rechecks.filter((c) => !c.passed).length;
  return (
    // Folded while everything holds (a resume's routine re-checks); open on drift, which is the news.
    <details className="rr-rechecks" open={drift > 0}>
      <summary>
        <h2 className="rv-section-title rr-rechecks-title">
          Re-checks: {drift === 0 ? 'everything still holds' : `${drift} no longer ${drift === 1 ? 'holds' : 'hold'}`}
        </h2>
      </summary>
      <table className="rr-table" aria-label="Re-checks against the recorded proofs">
        <thead>
          <tr><th scope="col">Step</th><th scope="col">Verifier</th><th scope="col">Then</th><th scope="col">Now</th></tr>
        </thead>
        <tbody>
          {rows.map((check) => (
            <tr key={check.proofId} className={check.passed ? undefined : 'rr-drift'}>
              <td>{check.stepId}</td>
              <td>{check.verifierKind}</td>
              <td>
                {check.of ? <>{verdict(check.of.passed)} in <a href={runHash(check.of.runId)}>#{check.of.runId}</a>: {check.of.summary}
                  <div className="sha">{check.of.evidenceSha256.slice(0, 16)}…</div></> : 'no recorded proof'}
              </td>
              <td>
                <span className={check.passed ? 'rr-held' : 'rr-broke'}>{verdict(check.passed)}</span>: {check.summary}
                <div className="sha">{check.evidenceSha256.slice(0, 16)}…</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
