import type { KeyboardEvent } from 'react';

/** The search field with its match counter and next/previous buttons (Enter and Shift+Enter do the same). */
export function LogSearchBox({ query, onQuery, counter, onStep }: {
  query: string;
  onQuery: (query: string) => void;
  /** "3 of 120", "120 matches", "No matches"; empty without a query. */
  counter: string;
  onStep: (delta: 1 | -1) => void;
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      onStep(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      onQuery('');
    }
  };
  const noQuery = query === '';
  return (
    <div className="log-search" role="search">
      <input
        type="search"
        className="input input-small log-search-input"
        aria-label="Search log"
        placeholder="Search log"
        value={query}
        onChange={(event) => onQuery(event.target.value)}
        onKeyDown={onKeyDown}
        aria-keyshortcuts="Enter Shift+Enter"
      />
      <span className="log-search-count" role="status" data-testid="log-search-count">{counter}</span>
      <button type="button" className="btn btn-small" aria-label="Previous match" disabled={noQuery} onClick={() => onStep(-1)}>↑</button>
      <button type="button" className="btn btn-small" aria-label="Next match" disabled={noQuery} onClick={() => onStep(1)}>↓</button>
    </div>
  );
}
