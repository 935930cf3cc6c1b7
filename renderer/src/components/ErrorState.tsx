import { errorMessage } from '../data/errors.ts';

/** A read that failed: what went wrong in the core's words, and a way to ask again. */
export function ErrorState({ title, error, onRetry }: { title: string; error: unknown; onRetry?: () => void }) {
  return (
    <div className="error-state" role="alert">
      <p className="error-title"><span aria-hidden="true">⚠ </span>{title}</p>
      <p className="error-message">{errorMessage(error)}</p>
      {onRetry && <button type="button" className="btn" onClick={onRetry}>Try again</button>}
    </div>
  );
}
