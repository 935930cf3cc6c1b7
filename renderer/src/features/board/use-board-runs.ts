import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { keys } from '../../data/keys.ts';
import { client } from '../../ipc/index.ts';
import { formatFilter, toRunQuery, type BoardFilter } from './filter-url.ts';

/** How many runs the board asks for; past this it says so and suggests narrowing the filter. */
export const BOARD_LIMIT = 200;

/**
 * The board's runs. Keyed by the URL form of the filter; "last hour" is resolved when fetching, so each
 * refetch (a push, a reconnect) moves the window. The previous list stays up while a new filter loads, so the
 * board does not blank on every keystroke.
 */
export function useBoardRuns(filter: BoardFilter) {
  return useQuery({
    queryKey: keys.board(formatFilter(filter)),
    queryFn: () => client.call('runs.list', { ...toRunQuery(filter, new Date()), limit: BOARD_LIMIT }),
    placeholderData: keepPreviousData,
  });
}
