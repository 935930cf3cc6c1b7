import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { keys } from '../../data/keys.ts';
import { client } from '../../ipc/index.ts';
import { formatFilter, toRunQuery, type BoardFilter } from './filter-url.ts';
import type { LogSearchPage } from '../../../../shared/ipc/methods/retention.ts';
import { logSearchText, useLogSearch } from './use-log-search.ts';

/** How many runs the board asks for; past this it says so and suggests narrowing the filter. */
export const BOARD_LIMIT = 200;

/**
 * The board's runs. Keyed by the URL form of the filter; "last hour" is resolved when fetching, so each
 * refetch (a push, a reconnect) moves the window. The previous list stays up while a new filter loads, so the
 * board does not blank on every keystroke.
 */
export function useBoardRuns(filter: BoardFilter) {
  const searchingLogs = logSearchText(filter) !== ''; // issue 8: the runs whose log lines match instead
  const list = useQuery({
    queryKey: keys.board(formatFilter(filter)),
    queryFn: () => client.call('runs.list', { ...toRunQuery(filter, new Date()), limit: BOARD_LIMIT }),
    placeholderData: keepPreviousData,
    enabled: !searchingLogs,
  });
  const logs = useLogSearch(filter, cardsOf);
  return searchingLogs ? logs : list;
}

const cardsOf = (page: LogSearchPage) => page.hits.map((hit) => hit.run);
