import { useId } from 'react';
import type { RunStatus } from '../../../../shared/domain/run.ts';
import { RUN_STATUSES, STATUS_ICON } from '../../data/status.ts';

/** Toggle chips, one checkbox per status (none checked: every status). */
export function StatusFilter({ value, onChange }: { value: readonly RunStatus[]; onChange: (next: RunStatus[]) => void }) {
  const labelId = useId();
  const toggle = (status: RunStatus, on: boolean) =>
    onChange(on ? [...value, status] : value.filter((s) => s !== status));
  return (
    <div className="filter-field" role="group" aria-labelledby={labelId}>
      <span id={labelId} className="filter-label">Status</span>
      {RUN_STATUSES.map((status) => (
        <label key={status} className={`chip status-${status}`}>
          <input type="checkbox" checked={value.includes(status)} onChange={(e) => toggle(status, e.target.checked)} />
          <span aria-hidden="true" className="status-icon">{STATUS_ICON[status]}</span>
          {status}
        </label>
      ))}
    </div>
  );
}
