import { useState } from 'react';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Icon } from '../../components/Icon.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { useSessions } from '../../data/queries.ts';
import { boardHash } from '../../app/route.ts';
import { navigate, useBoardQuery, useRoute } from '../../app/router.ts';
import { formatFilter, parseFilter } from '../board/filter-url.ts';
import { SessionItem } from './SessionItem.tsx';
import { RetentionButton } from '../retention/RetentionButton.tsx';
import { SessionTitleForm } from './SessionTitleForm.tsx';
import { useSessionActions } from './use-session-actions.ts';

/**
 * Sessions down the left. Choosing one filters the board (the URL's `session=`, other filters kept); one
 * inline editor at a time (new or rename), so "Session title" always names a single box.
 */
export function SessionsSidebar() {
  const sessions = useSessions();
  const actions = useSessionActions();
  const onBoard = useRoute().name === 'board';
  const filter = parseFilter(useBoardQuery());
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<'new' | number | null>(null);

  const hrefFor = (sessionId: number | null) => boardHash(formatFilter({ ...filter, sessionId }));
  const visible = (sessions.data ?? []).filter((s) => showArchived || s.archivedAt === null);

  const create = async (title: string) => {
    const session = await actions.create(title);
    setEditing(null);
    navigate(hrefFor(session.id));
  };

  return (
    <nav className="sidebar" aria-label="Sessions">
      <div className="sidebar-head">
        <h2 className="sidebar-title">Sessions</h2>
        <button type="button" className="btn btn-small" onClick={() => setEditing('new')} aria-expanded={editing === 'new'}>
          <Icon name="plus" /> New session
        </button>
      </div>
      {editing === 'new' && <SessionTitleForm onSave={create} onCancel={() => setEditing(null)} />}
      <ul className="session-list">
        <li className={`session-item${filter.sessionId === null ? ' selected' : ''}`}>
          <a className="session-link" href={hrefFor(null)} aria-current={onBoard && filter.sessionId === null ? 'page' : undefined}>
            <span className="session-title">All runs</span>
          </a>
        </li>
        {visible.map((session) => (
          <SessionItem
            key={session.id}
            session={session}
            href={hrefFor(session.id)}
            current={onBoard && filter.sessionId === session.id}
            selected={filter.sessionId === session.id}
            renaming={editing === session.id}
            onRename={() => setEditing(session.id)}
            onDone={() => setEditing(null)}
          />
        ))}
      </ul>
      {sessions.isPending && <LoadingState label="Loading sessions" rows={3} />}
      {sessions.isError && <ErrorState title="Could not load sessions" error={sessions.error} onRetry={() => void sessions.refetch()} />}
      {sessions.isSuccess && visible.length === 0 && (
        <EmptyState title="No sessions yet">Group related runs: press “New session”.</EmptyState>
      )}
      <label className="checkbox-label sidebar-foot">
        <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
        Show archived
      </label>
      <RetentionButton />
    </nav>
  );
}
