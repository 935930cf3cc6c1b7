import type { LoadState } from './log-store.ts';

/** The line count (the exact "<n> lines" end-to-end tests compare) and how loading goes. */
export function LogStatus({ outputCount, state, onRetry }: { outputCount: number; state: LoadState; onRetry: () => void }) {
  return (
    <div className="log-status">
      <span data-testid="log-line-count">{outputCount} lines</span>
      <span role="status" className="log-load-state">
        {state.phase === 'loading' && 'Loading the log…'}
      </span>
      {state.phase === 'error' && (
        <span className="log-load-error" role="alert">
          <span aria-hidden="true">⚠ </span>The log stopped loading: {state.message}{' '}
          <button type="button" className="btn btn-small" onClick={onRetry}>Load the rest</button>
        </span>
      )}
    </div>
  );
}
