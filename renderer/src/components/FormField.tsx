import { useId } from 'react';
import { FieldError } from './FieldError.tsx';

/** A labelled text field (or textarea) with its hint and its errors wired to it for assistive technology. */
export function FormField({ label, value, onChange, errors, hint, multiline = false, mono = false, autoFocus = false }: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors?: readonly string[];
  hint?: string;
  multiline?: boolean;
  mono?: boolean;
  autoFocus?: boolean;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const props = {
    id,
    className: `input${mono ? ' mono' : ''}`,
    value,
    autoFocus,
    spellCheck: false,
    'aria-invalid': errors?.length ? true : undefined,
    'aria-describedby': [hint ? hintId : '', errors?.length ? errorId : ''].filter(Boolean).join(' ') || undefined,
  };
  return (
    <div className="form-field">
      <label className="field-label" htmlFor={id}>{label}</label>
      {multiline
        ? <textarea {...props} rows={3} onChange={(e) => onChange(e.target.value)} />
        : <input {...props} onChange={(e) => onChange(e.target.value)} />}
      {hint && <p id={hintId} className="field-hint">{hint}</p>}
      <FieldError id={errorId} messages={errors} />
    </div>
  );
}
