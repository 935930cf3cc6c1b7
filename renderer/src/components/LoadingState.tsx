/** Placeholder rows shaped like what is coming, so the layout does not jump when it arrives. */
export function LoadingState({ label, rows = 3 }: { label: string; rows?: number }) {
  return (
    <div className="loading-state" role="status" aria-live="polite">
      <span className="sr-only">{label}</span>
      {Array.from({ length: rows }, (_, i) => <div key={i} className="skeleton" aria-hidden="true" />)}
    </div>
  );
}
