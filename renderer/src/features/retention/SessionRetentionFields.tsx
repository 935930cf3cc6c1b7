import type { SessionSummary } from '../../../../shared/ipc/methods/sessions.ts';

/** One days field per session: empty follows the global period. */
export function SessionRetentionFields({ sessions, values, errors, onChange }: {
  sessions: readonly SessionSummary[];
  values: Record<number, string>;
  errors: Record<number, string>;
  onChange: (sessionId: number, text: string) => void;
}) {
  if (sessions.length === 0) return null;
  return (
    <fieldset className="retention-sessions">
      <legend className="field-label">Sessions (days; empty: as above)</legend>
      {sessions.map((session) => (
        <label key={session.id} className="retention-session">
          <span className="retention-session-title">{session.title}</span>
          <input className="input input-small" inputMode="numeric" aria-label={`Keep runs of session ${session.title} (days)`}
            aria-invalid={errors[session.id] ? true : undefined} value={values[session.id] ?? ''}
            onChange={(e) => onChange(session.id, e.target.value)} />
          {errors[session.id] && <span className="field-error">{errors[session.id]}</span>}
        </label>
      ))}
    </fieldset>
  );
}
