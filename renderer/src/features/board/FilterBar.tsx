import { EMPTY_FILTER, isFilterEmpty, type BoardFilter } from './filter-url.ts';
import { LaneFilter } from './LaneFilter.tsx';
import { LogModeToggle } from './LogModeToggle.tsx';
import { StatusFilter } from './StatusFilter.tsx';
import { TextFilter } from './TextFilter.tsx';
import { TimeFilter } from './TimeFilter.tsx';

/** Every board filter; each change goes to the URL (typing replaces the history entry instead of adding one). */
export function FilterBar({ filter, lanes, onChange }: {
  filter: BoardFilter;
  lanes: readonly string[];
  onChange: (next: BoardFilter, replace?: boolean) => void;
}) {
  return (
    <div className="filter-bar" role="group" aria-label="Filters">
      <div className="filter-fields">
        <TextFilter value={filter.text} onChange={(text) => onChange({ ...filter, text }, true)}
          placeholder={filter.searchLogs ? 'Words in the log…' : undefined} />
        <LogModeToggle value={filter.searchLogs} onChange={(searchLogs) => onChange({ ...filter, searchLogs })} />
        <StatusFilter value={filter.status} onChange={(status) => onChange({ ...filter, status })} />
        {lanes.length > 1 && <LaneFilter lanes={lanes} value={filter.lanes} onChange={(l) => onChange({ ...filter, lanes: l })} />}
        <TimeFilter since={filter.since} until={filter.until} onChange={(range, replace) => onChange({ ...filter, ...range }, replace)} />
      </div>
      <button type="button" className="btn btn-quiet clear-filters" disabled={isFilterEmpty(filter)}
        onClick={() => onChange(EMPTY_FILTER)}>
        Clear filters
      </button>
    </div>
  );
}
