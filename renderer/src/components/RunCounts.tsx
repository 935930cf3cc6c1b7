import type { RunStatus } from '../../../shared/domain/run.ts';
import type { RunCounts as Counts } from '../../../shared/ipc/methods/sessions.ts';
import { STATUS_ICON } from '../data/status.ts';

/** The counts worth a glance: what is moving and what broke. Finished-fine runs would only add noise. */
const SHOWN: readonly RunStatus[] = ['running', 'queued', 'failed'];

/** "● 2 ○ 1 ✗ 3" for the eye, "2 running, 1 queued, 3 failed" for a screen reader; nothing when all are zero. */
export function RunCounts({ counts }: { counts: Partial<Counts> }) {
  const shown = SHOWN.filter((status) => (counts[status] ?? 0) > 0);
  if (!shown.length) return null;
  return (
    <span className="run-counts">
      {shown.map((status) => (
        <span key={status} className={`run-count status-${status}`} title={`${counts[status]} ${status}`}>
          <span aria-hidden="true">{STATUS_ICON[status]}</span>
          {counts[status]}
          <span className="sr-only"> {status}</span>
        </span>
      ))}
    </span>
  );
}
