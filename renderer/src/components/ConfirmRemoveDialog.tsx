import { useState, type ReactNode } from 'react';
import { errorMessage } from '../data/errors.ts';
import { Dialog } from './Dialog.tsx';

/** "Remove NAME?" asked once, Cancel first in focus; the removal's error stays in the dialog so it can be retried. */
export function ConfirmRemoveDialog({ name, children, remove, onClose }: {
  name: string;
  /** What removing forgets, and what stays. */
  children: ReactNode;
  remove(): Promise<void>;
  onClose(): void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const confirm = async () => {
    setBusy(true);
    try {
      await remove();
      onClose();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Dialog label={`Remove ${name}?`} onClose={onClose} className="dialog-small">
      <h2 className="dialog-title">Remove {name}?</h2>
      <p>{children}</p>
      {error !== null && <p className="field-error" role="alert"><span aria-hidden="true">⚠ </span>{errorMessage(error)}</p>}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose} data-autofocus="">Cancel</button>
        <button type="button" className="btn btn-danger" disabled={busy} onClick={confirm}>{busy ? 'Removing…' : 'Remove'}</button>
      </div>
    </Dialog>
  );
}
