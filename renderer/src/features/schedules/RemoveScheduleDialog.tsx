import { useState } from 'react';
import { Dialog } from '../../components/Dialog.tsx';
import { errorMessage } from '../../data/errors.ts';
import { useScheduleActions } from './use-schedules.ts';

/** Removing forgets the schedule, its fire history and its secret parameters; its runs stay. Asked once. */
export function RemoveScheduleDialog({ name, onClose }: { name: string; onClose: () => void }) {
  const actions = useScheduleActions();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const remove = async () => {
    setBusy(true);
    try {
      await actions.remove(name);
      onClose();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Dialog label={`Remove ${name}?`} onClose={onClose} className="dialog-small">
      <h2 className="dialog-title">Remove {name}?</h2>
      <p>It stops firing, and its fire history and secret parameters are deleted. The runs it queued stay.</p>
      {error !== null && <p className="field-error" role="alert"><span aria-hidden="true">⚠ </span>{errorMessage(error)}</p>}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose} data-autofocus="">Cancel</button>
        <button type="button" className="btn btn-danger" disabled={busy} onClick={remove}>{busy ? 'Removing…' : 'Remove'}</button>
      </div>
    </Dialog>
  );
}
