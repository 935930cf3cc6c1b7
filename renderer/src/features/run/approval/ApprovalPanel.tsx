import { useQuery } from '@tanstack/react-query';
import type { PendingApproval } from '../../../../../shared/domain/approval.ts';
import { formatTimestamp } from '../../../data/format.ts';
import { keys } from '../../../data/keys.ts';
import { client } from '../../../ipc/index.ts';
import { ApprovalCard } from './ApprovalCard.tsx';
import './approval.css';

/** One line for a decided (or expired, cancelled) approval: who, when, why. */
function decidedLine(approval: PendingApproval): string {
  const when = approval.decidedAt ? ` at ${formatTimestamp(approval.decidedAt)}` : '';
  const why = approval.comment ? `: ${approval.comment}` : '';
  if (approval.status === 'approved' || approval.status === 'rejected') return `${approval.status} by ${approval.decidedBy}${when}${why}`;
  if (approval.status === 'expired') return `nobody decided${when} (on timeout: ${approval.onTimeout})`;
  return `${approval.status}${when}${why}`;
}

/**
 * The run's approvals above its timeline: each one waiting as a card to decide, the decided ones as a line.
 * Nothing at all for a run without approval steps. Refreshed by the shell's live updates on every approval
 * event (asked, decided) and status event.
 */
export function ApprovalPanel({ runId }: { runId: number }) {
  const approvals = useQuery({ queryKey: keys.approvals(runId), queryFn: () => client.call('approvals.list', { runId }) });
  const list = approvals.data ?? [];
  // The latest attempt of each step: an earlier attempt's question is history, kept in its proofs.
  const latest = list.filter((a) => !list.some((b) => b.stepId === a.stepId && b.attempt > a.attempt));
  if (!latest.length) return null;
  return (
    <div className="approval-panel">
      {latest.map((approval) => (approval.status === 'pending'
        ? <ApprovalCard key={`${approval.stepId}:${approval.attempt}`} approval={approval} />
        : (
          <p key={`${approval.stepId}:${approval.attempt}`} className={`approval-decided is-${approval.status}`}>
            Approval at step <code>{approval.stepId}</code>: {decidedLine(approval)}
          </p>
        )))}
    </div>
  );
}
