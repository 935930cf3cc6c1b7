import { useId, useState } from 'react';
import type { SessionSummary } from '../../../../shared/ipc/methods/sessions.ts';
import { FieldError } from '../../components/FieldError.tsx';
import { Icon } from '../../components/Icon.tsx';
import { RunCounts } from '../../components/RunCounts.tsx';
import { errorMessage } from '../../data/errors.ts';
import { SessionTitleForm } from './SessionTitleForm.tsx';
import { useSessionActions } from './use-session-actions.ts';

/** One session in the sidebar: a link that filters the board, its counts, and rename/archive (or restore). */
export function SessionItem({ session, href, current, selected, renaming, onRename, onDone }: {
  session: SessionSummary;
  href: string;
  /** The board shows this session right now. */
  current: boolean;
  /** The board's last filter is this session (also while a run is open). */
  selected: boolean;
  renaming: boolean;
  onRename: () => void;
  onDone: () => void;
}) {
  const actions = useSessionActions();
  const [error, setError] = useState<unknown>(null);
  const errorId = useId();
  const archived = session.archivedAt !== null;

  const act = (call: () => Promise<unknown>) => {
    setError(null);
    call().catch(setError);
  };

  if (renaming) {
    return (
      <li className="session-item">
        <SessionTitleForm initial={session.title} onSave={(title) => actions.rename(session.id, title).then(onDone)} onCancel={onDone} />
      </li>
    );
  }

  return (
    <li className={`session-item${selected ? ' selected' : ''}${archived ? ' archived' : ''}`}>
      <div className="session-row">
        <a className="session-link" href={href} aria-current={current ? 'page' : undefined}>
          <span className="session-title">{session.title}</span>
          {archived && <span className="tag">archived</span>}
          <RunCounts counts={session.counts} />
        </a>
        <span className="session-actions">
          {archived ? (
            <button type="button" className="btn-icon" aria-label={`Restore session ${session.title}`} title="Restore"
              aria-describedby={error ? errorId : undefined} onClick={() => act(() => actions.restore(session.id))}>
              <Icon name="restore" />
            </button>
          ) : (
            <>
              <button type="button" className="btn-icon" aria-label={`Rename session ${session.title}`} title="Rename" onClick={onRename}>
                <Icon name="pencil" />
              </button>
              <button type="button" className="btn-icon" aria-label={`Archive session ${session.title}`} title="Archive"
                aria-describedby={error ? errorId : undefined} onClick={() => act(() => actions.archive(session.id))}>
                <Icon name="archive" />
              </button>
            </>
          )}
        </span>
      </div>
      <FieldError id={errorId} messages={error ? [errorMessage(error)] : undefined} />
    </li>
  );
}
