import { useId, useState } from 'react';
import { FieldError } from '../../components/FieldError.tsx';
import { errorMessage } from '../../data/errors.ts';

/**
 * The inline "Session title" box for a new session and for a rename: Enter saves, Esc (or leaving it empty)
 * cancels. A refused title stays in the box with the reason under it.
 */
export function SessionTitleForm({ initial = '', onSave, onCancel }: {
  initial?: string;
  onSave: (title: string) => Promise<unknown>;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const errorId = useId();

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (saving) return;
    if (!title.trim()) return onCancel();
    setSaving(true);
    try {
      await onSave(title.trim());
    } catch (e) {
      setError(e);
      setSaving(false);
    }
  };

  return (
    <form className="session-title-form" onSubmit={submit}>
      <input
        className="input input-small"
        aria-label="Session title"
        value={title}
        maxLength={200}
        autoFocus
        readOnly={saving}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => setTitle(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onCancel();
          }
        }}
      />
      <FieldError id={errorId} messages={error ? [errorMessage(error)] : undefined} />
    </form>
  );
}
