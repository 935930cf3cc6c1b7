import type { StepStatus } from '../../../../../shared/domain/run.ts';

/** Icons for the step states; the run states' icons are the shell's (data/status.ts), the step-only ones added. */
const STEP_ICON: Record<StepStatus, string> = {
  pending: '○',
  running: '●',
  succeeded: '✓',
  failed: '✗',
  cancelled: '⊘',
  skipped: '↷',
};

/** A step's state as icon + word, styled like the shell's run StatusBadge (same classes). */
export function StepStatusBadge({ status }: { status: StepStatus }) {
  return (
    <span className={`status-badge status-${status}`}>
      <span className="status-icon" aria-hidden="true">{STEP_ICON[status]}</span>
      {status}
    </span>
  );
}
