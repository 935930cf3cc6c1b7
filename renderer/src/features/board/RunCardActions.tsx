import { useId, useState } from 'react';
import type { RunCard } from '../../../../shared/ipc/methods/runs.ts';
import { FieldError } from '../../components/FieldError.tsx';
import { Icon } from '../../components/Icon.tsx';
import { showToast } from '../../app/toasts.ts';
import { runHash } from '../../app/route.ts';
import { errorMessage } from '../../data/errors.ts';
import { isActive } from '../../data/status.ts';
import { useBoardActions } from './use-board-actions.ts';

/** Cancel while a run is queued or running; retry once it has finished (a new run, announced with a link). */
export function RunCardActions({ run }: { run: RunCard }) {
  const actions = useBoardActions();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errorId = useId();
  const active = isActive(run.status);
  const cancelAsked = run.cancelRequestedAt !== null;

  const act = async (call: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await call();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const retry = () => act(async () => {
    const again = await actions.retry(run.id);
    showToast({ message: `Run #${again.id} queued on lane ${again.lane}`, link: { href: runHash(again.id), label: `Open run #${again.id}` } });
  });

  return (
    <div className="card-actions">
      {active ? (
        <button type="button" className="btn btn-small btn-quiet" disabled={busy || cancelAsked}
          aria-label={`Cancel run #${run.id}`} aria-describedby={error ? errorId : undefined}
          onClick={() => act(() => actions.cancel(run.id))}>
          <Icon name="stop" /> {cancelAsked ? 'Cancelling…' : 'Cancel'}
        </button>
      ) : (
        <button type="button" className="btn btn-small btn-quiet" disabled={busy}
          aria-label={`Retry run #${run.id}`} aria-describedby={error ? errorId : undefined} onClick={retry}>
          <Icon name="retry" /> Retry
        </button>
      )}
      <FieldError id={errorId} messages={error ? [errorMessage(error)] : undefined} />
    </div>
  );
}
