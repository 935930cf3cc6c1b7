import { useMemo } from 'react';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { boardHash } from '../../app/route.ts';
import { navigate } from '../../app/router.ts';
import { useLanes, useSessions } from '../../data/queries.ts';
import { BoardColumns } from './BoardColumns.tsx';
import { BoardNotice } from './BoardNotice.tsx';
import { FilterBar } from './FilterBar.tsx';
import { EMPTY_FILTER, formatFilter, parseFilter, type BoardFilter } from './filter-url.ts';
import { useBoardRuns } from './use-board-runs.ts';
import { LogMatchesProvider } from './LogMatches.tsx';

/** The Runboard: filters (all in the URL), then one column per lane with its runs, live through pushes. */
export function Runboard({ query }: { query: string }) {
  const filter = useMemo(() => parseFilter(query), [query]);
  const runs = useBoardRuns(filter);
  const lanes = useLanes();
  const sessions = useSessions();

  const sessionTitles = useMemo(() => new Map((sessions.data ?? []).map((s) => [s.id, s.title])), [sessions.data]);
  const setFilter = (next: BoardFilter, replace = false) => navigate(boardHash(formatFilter(next)), { replace });
  const sessionTitle = filter.sessionId === null ? null : sessionTitles.get(filter.sessionId) ?? `#${filter.sessionId}`;

  return (
    <section className="page board" aria-labelledby="board-title">
      <div className="page-head">
        <h1 id="board-title">Runboard</h1>
        {sessionTitle && <span className="page-context">Session: <strong>{sessionTitle}</strong></span>}
        {runs.data && <span className="page-count">{runs.data.length} {runs.data.length === 1 ? 'run' : 'runs'}</span>}
      </div>
      <FilterBar filter={filter} lanes={(lanes.data ?? []).map((l) => l.name)} onChange={setFilter} />
      {runs.isError || lanes.isError ? (
        <ErrorState
          title={runs.isError ? 'Could not load runs' : 'Could not load lanes'}
          error={runs.error ?? lanes.error}
          onRetry={() => void (runs.isError ? runs.refetch() : lanes.refetch())}
        />
      ) : runs.isPending || lanes.isPending ? (
        <LoadingState label="Loading runs" rows={4} />
      ) : (
        <>
          <BoardNotice filter={filter} count={runs.data.length} onClear={() => setFilter(EMPTY_FILTER)} />
          <LogMatchesProvider filter={filter}>
            <BoardColumns filter={filter} runs={runs.data} lanes={lanes.data} sessionTitles={sessionTitles} updating={runs.isPlaceholderData} />
          </LogMatchesProvider>
        </>
      )}
    </section>
  );
}
