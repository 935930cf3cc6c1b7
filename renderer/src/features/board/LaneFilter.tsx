import { useId } from 'react';

/** One checkbox per lane (none checked: every lane); checked lanes are the only columns shown. */
export function LaneFilter({ lanes, value, onChange }: {
  lanes: readonly string[];
  value: readonly string[];
  onChange: (next: string[]) => void;
}) {
  // A lane in the URL that no longer exists stays listed, so it can be unchecked.
  const labelId = useId();
  const names = [...lanes, ...value.filter((l) => !lanes.includes(l))];
  return (
    <div className="filter-field" role="group" aria-labelledby={labelId}>
      <span id={labelId} className="filter-label">Lane</span>
      {names.map((lane) => (
        <label key={lane} className="chip">
          <input type="checkbox" checked={value.includes(lane)}
            onChange={(e) => onChange(e.target.checked ? [...value, lane] : value.filter((l) => l !== lane))} />
          {lane}
        </label>
      ))}
    </div>
  );
}
