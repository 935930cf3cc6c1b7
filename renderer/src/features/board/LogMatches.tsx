import { createContext, useContext, type ReactNode } from 'react';
import type { RunEvent } from '../../../../shared/domain/run.ts';
import type { LogSearchPage } from '../../../../shared/ipc/methods/retention.ts';
import type { BoardFilter } from './filter-url.ts';
import { logSearchText, useLogSearch } from './use-log-search.ts';

type Matches = ReadonlyMap<number, { lines: RunEvent[]; moreLines: boolean }>;

const MatchesContext = createContext<Matches | null>(null);
const byRun = (page: LogSearchPage): Matches => new Map(page.hits.map((hit) => [hit.run.id, hit]));

/** Gives the cards the matching log lines while the board searches logs. */
export function LogMatchesProvider({ filter, children }: { filter: BoardFilter; children: ReactNode }) {
  const matches = useLogSearch(filter, byRun).data ?? null;
  return <MatchesContext.Provider value={logSearchText(filter) ? matches : null}>{children}</MatchesContext.Provider>;
}

/** Under a card: the run's newest lines that matched the log search (nothing outside a log search). */
export function LogMatches({ runId }: { runId: number }) {
  const match = useContext(MatchesContext)?.get(runId);
  if (!match) return null;
  return (
    <ul className="log-matches" aria-label="Matching log lines">
      {match.lines.map((line) => (
        <li key={line.seq} className={`log-match level-${line.level}`} title={line.ts.toLocaleString()}>
          {line.stepId && <span className="log-match-step">{line.stepId}</span>}
          {line.message}
        </li>
      ))}
      {match.moreLines && <li className="log-match-more">… more lines match</li>}
    </ul>
  );
}
