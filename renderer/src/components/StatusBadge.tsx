import type { RunStatus } from '../../../shared/domain/run.ts';
import { STATUS_ICON } from '../data/status.ts';

/**
 * A run's status as icon + word in the status colour: "✓ succeeded", "✗ failed". The word carries the meaning,
 * so the badge reads the same without colour and to a screen reader. `cancelling` marks a running run whose
 * cancel was asked for.
 */
export function StatusBadge({ status, cancelling = false }: { status: RunStatus; cancelling?: boolean }) {
  return (
    <span className={`status-badge status-${status}`}>
      <span className="status-icon" aria-hidden="true">{STATUS_ICON[status]}</span>
      {cancelling && status === 'running' ? 'cancelling…' : status}
    </span>
  );
}
