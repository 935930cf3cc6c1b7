import { LogSearchQuerySchema, type LogSearchQuery, type LogSearchResult } from '../../../shared/domain/log-search.ts';
import { CoreError } from '../errors.ts';
import type { Store } from '../queue/store.ts';
import { searchLogs } from './search-logs.ts';

export interface HistoryApi {
  /** Runs whose log lines match, newest first, with the matching lines (indexed: fast at a million lines). */
  searchLogs(query: LogSearchQuery): Promise<LogSearchResult>;
}

export function historyApi(store: Store): HistoryApi {
  return {
    async searchLogs(query) {
      const parsed = LogSearchQuerySchema.safeParse(query);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new CoreError('INVALID_INPUT', `${issue.path.join('.') || 'query'}: ${issue.message}`);
      }
      return searchLogs(store, parsed.data);
    },
  };
}
