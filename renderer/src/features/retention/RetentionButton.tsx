import { useState } from 'react';
import { useSessions } from '../../data/queries.ts';
import { RetentionDialog } from './RetentionDialog.tsx';
import { useRetention } from './use-retention.ts';

/** "Retention…": opens the policy dialog once the policy is loaded. */
export function RetentionButton() {
  const [open, setOpen] = useState(false);
  const { policy } = useRetention();
  const sessions = useSessions();
  const active = (sessions.data ?? []).filter((s) => s.archivedAt === null);
  return (
    <>
      <button type="button" className="btn btn-quiet btn-small sidebar-retention" disabled={!policy.data} onClick={() => setOpen(true)}
        title={policy.isError ? 'Could not load the retention policy' : undefined}>
        Retention…
      </button>
      {open && policy.data && <RetentionDialog policy={policy.data} sessions={active} onClose={() => setOpen(false)} />}
    </>
  );
}
