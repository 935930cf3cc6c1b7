/** A thin bar for "2/3 steps": a real progressbar to assistive technology, with its text beside it. */
export function ProgressBar({ value, max, label, failed = false }: { value: number; max: number; label: string; failed?: boolean }) {
  const percent = max > 0 ? Math.round((value / max) * 100) : 0;
  return (
    <div
      className={`progress${failed ? ' progress-failed' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
      aria-valuetext={`${value} of ${max}`}
    >
      <div className="progress-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}
