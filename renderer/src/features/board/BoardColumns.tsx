import type { LaneInfo } from '../../../../shared/ipc/methods/lanes.ts';
import type { RunCard } from '../../../../shared/ipc/methods/runs.ts';
import type { BoardFilter } from './filter-url.ts';
import { groupByLane } from './group-by-lane.ts';
import { LaneColumn } from './LaneColumn.tsx';

/** The lane columns in the lanes' board order (only the filtered lanes when a lane filter is set). */
export function BoardColumns({ filter, runs, lanes, sessionTitles, updating }: {
  filter: BoardFilter;
  runs: readonly RunCard[];
  lanes: readonly LaneInfo[];
  sessionTitles: ReadonlyMap<number, string>;
  /** Still showing the previous filter's runs while the new ones load. */
  updating: boolean;
}) {
  const shown = filter.lanes.length ? lanes.filter((l) => filter.lanes.includes(l.name)) : lanes;
  const byName = new Map(shown.map((l) => [l.name, l]));
  const groups = groupByLane(runs, shown.map((l) => l.name));
  return (
    <div className={`board-columns${updating ? ' updating' : ''}`} aria-busy={updating}>
      {groups.map((group) => (
        <LaneColumn
          key={group.lane ?? '(other)'}
          lane={group.lane === null ? null : byName.get(group.lane)!}
          runs={group.runs}
          sessionTitles={sessionTitles}
        />
      ))}
    </div>
  );
}
