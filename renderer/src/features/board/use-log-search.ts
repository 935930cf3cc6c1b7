import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { LogSearchPage } from '../../../../shared/ipc/methods/retention.ts';
import { client } from '../../ipc/index.ts';
import { formatFilter, toRunQuery, type BoardFilter } from './filter-url.ts';

/** Runs per log search: the newest runs whose lines match; narrowing the filter finds older ones. */
export const LOG_SEARCH_LIMIT = 100;

/** The text the board searches the logs for, or "" when it filters runs by title and error. */
export const logSearchText = (filter: BoardFilter): string => (filter.searchLogs ? filter.text.trim() : '');

/**
 * The board's log search (runs.searchLogs with the board's other filters), shaped by `select`: the cards, or the
 * matching lines by run. One cache entry for both (the same key), under 'runs' so pushed run events refresh it.
 */
export function useLogSearch<T>(filter: BoardFilter, select: (page: LogSearchPage) => T) {
  const text = logSearchText(filter);
  return useQuery({
    queryKey: ['runs', 'board', 'logs', formatFilter(filter)],
    queryFn: () => {
      const { text: _, limit: __, ...runFilter } = toRunQuery(filter, new Date());
      return client.call('runs.searchLogs', { text, filter: runFilter, limit: LOG_SEARCH_LIMIT });
    },
    select,
    enabled: text !== '',
    placeholderData: keepPreviousData,
  });
}
