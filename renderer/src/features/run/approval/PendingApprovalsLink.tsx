import { useQuery } from '@tanstack/react-query';
import { runHash } from '../../../app/route.ts';
import { keys } from '../../../data/keys.ts';
import { client } from '../../../ipc/index.ts';
import './approval.css';

/** The top bar's reminder that someone is waited for: how many approvals, opening the oldest one's run. */
export function PendingApprovalsLink() {
  const pending = useQuery({ queryKey: keys.pendingApprovals, queryFn: () => client.call('approvals.list', { pending: true }) });
  const list = pending.data ?? [];
  if (!list.length) return null;
  const oldest = list[list.length - 1]!;
  const label = list.length === 1 ? '1 approval waiting' : `${list.length} approvals waiting`;
  return (
    <a className="pending-approvals" href={runHash(oldest.runId)} title={`Run #${oldest.runId}: ${oldest.prompt}`}>
      <span className="pending-approvals-dot" aria-hidden="true" />{label}
    </a>
  );
}
