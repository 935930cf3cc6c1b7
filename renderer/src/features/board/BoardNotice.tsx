import { EmptyState } from '../../components/EmptyState.tsx';
import { COMMAND_BAR_KEYS } from '../../app/platform.ts';
import { openCommandBar } from '../command-bar/command-bar-store.ts';
import { isFilterEmpty, type BoardFilter } from './filter-url.ts';
import { BOARD_LIMIT } from './use-board-runs.ts';

/** What the board says above its columns: how to start, why nothing matches, or that the list is cut. */
export function BoardNotice({ filter, count, onClear }: { filter: BoardFilter; count: number; onClear: () => void }) {
  if (count === 0 && isFilterEmpty(filter)) {
    return (
      <EmptyState title={`No runs yet — press ${COMMAND_BAR_KEYS} to run a command`}>
        <button type="button" className="btn" onClick={openCommandBar}>Open the command bar</button>
      </EmptyState>
    );
  }
  if (count === 0) {
    return (
      <EmptyState title="No runs match these filters.">
        <button type="button" className="btn" onClick={onClear}>Clear all filters</button>
      </EmptyState>
    );
  }
  if (count >= BOARD_LIMIT) {
    return <p className="board-note">Showing the newest {BOARD_LIMIT} runs — narrow the filters to see older ones.</p>;
  }
  return null;
}
