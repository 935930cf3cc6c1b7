import { useId } from 'react';
import { toLocalInputValue } from '../../data/format.ts';
import type { BoardFilter, Since, SincePreset } from './filter-url.ts';

const PRESETS: readonly { preset: SincePreset; label: string }[] = [
  { preset: '1h', label: 'Last hour' },
  { preset: '24h', label: 'Last 24 hours' },
  { preset: '7d', label: 'Last 7 days' },
];

const fromInput = (value: string): Date | null => {
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
};

/**
 * Created-time range: a relative preset (kept relative in the URL) or picked local times. Pressing the active
 * preset again clears it; picking a "Since" time replaces a preset.
 */
export function TimeFilter({ since, until, onChange }: {
  since: Since | null;
  until: Date | null;
  onChange: (next: Pick<BoardFilter, 'since' | 'until'>, replace?: boolean) => void;
}) {
  const labelId = useId();
  const activePreset = since && 'preset' in since ? since.preset : null;
  const sinceAt = since && 'at' in since ? since.at : null;
  return (
    <div className="filter-field" role="group" aria-labelledby={labelId}>
      <span className="filter-unit">
        <span id={labelId} className="filter-label">Created</span>
        {PRESETS.map(({ preset, label }) => (
          <button key={preset} type="button" className="chip chip-button" aria-pressed={activePreset === preset}
            onClick={() => onChange({ since: activePreset === preset ? null : { preset }, until })}>
            {label}
          </button>
        ))}
      </span>
      <label className="inline-field">
        <span className="filter-label">Since</span>
        <input className="input input-small" type="datetime-local" value={sinceAt ? toLocalInputValue(sinceAt) : ''}
          onChange={(e) => {
            const at = fromInput(e.target.value);
            onChange({ since: at ? { at } : null, until }, true);
          }} />
      </label>
      <label className="inline-field">
        <span className="filter-label">Until</span>
        <input className="input input-small" type="datetime-local" value={until ? toLocalInputValue(until) : ''}
          onChange={(e) => onChange({ since, until: fromInput(e.target.value) }, true)} />
      </label>
    </div>
  );
}
