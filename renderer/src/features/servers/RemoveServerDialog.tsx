import { useState } from 'react';
import { Dialog } from '../../components/Dialog.tsx';
import { errorMessage } from '../../data/errors.ts';
import { useServerActions } from './use-server-actions.ts';

/** Removing forgets the server and its tools; plans naming it will be refused. Asked once, with Cancel first in focus. */
export function RemoveServerDialog({ name, onClose, onRemoved }: { name: string; onClose: () => void; onRemoved: () => void }) {
  const actions = useServerActions();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const remove = async () => {
    setBusy(true);
    try {
      await actions.remove(name);
      onRemoved();
      onClose();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Dialog label={`Remove ${name}?`} onClose={onClose} className="dialog-small">
      <h2 className="dialog-title">Remove {name}?</h2>
      <p>The server and its discovered tools are forgotten. Plans that use <code>{name}/…</code> tools will be refused until it is added again.</p>
      {error !== null && <p className="field-error" role="alert"><span aria-hidden="true">⚠ </span>{errorMessage(error)}</p>}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose} data-autofocus="">Cancel</button>
        <button type="button" className="btn btn-danger" disabled={busy} onClick={remove}>{busy ? 'Removing…' : 'Remove'}</button>
      </div>
    </Dialog>
  );
}
