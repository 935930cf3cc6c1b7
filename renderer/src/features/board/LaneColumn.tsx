import { useId } from 'react';
import type { LaneInfo } from '../../../../shared/ipc/methods/lanes.ts';
import type { RunCard as RunCardData } from '../../../../shared/ipc/methods/runs.ts';
import { LaneHeader } from './LaneHeader.tsx';
import { RunCard } from './RunCard.tsx';

/** ↑/↓ between the cards of a column, so a lane reads like a list without tabbing through every button. */
function moveBetweenCards(event: React.KeyboardEvent<HTMLElement>) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const card = (event.target as HTMLElement);
  if (!card.matches('[data-run-card]')) return;
  const cards = [...event.currentTarget.querySelectorAll<HTMLElement>('[data-run-card]')];
  const next = cards[cards.indexOf(card) + (event.key === 'ArrowDown' ? 1 : -1)];
  if (!next) return;
  event.preventDefault();
  next.focus();
}

/** One lane's column ("Lane A"), or with `lane` null the runs on lanes the board has no column for. */
export function LaneColumn({ lane, runs, sessionTitles }: {
  lane: LaneInfo | null;
  runs: readonly RunCardData[];
  sessionTitles: ReadonlyMap<number, string>;
}) {
  const headingId = useId();
  return (
    <section className={`lane-column${lane?.paused ? ' paused' : ''}`} aria-labelledby={headingId}>
      {lane ? <LaneHeader lane={lane} headingId={headingId} /> : (
        <div className="lane-header"><h2 id={headingId} className="lane-title">Other lanes</h2></div>
      )}
      {runs.length === 0 ? (
        <p className="lane-empty">No runs here.</p>
      ) : (
        <div className="lane-cards" onKeyDown={moveBetweenCards}>
          {runs.map((run) => (
            <RunCard key={run.id} run={run} sessionTitle={run.sessionId === null ? null : sessionTitles.get(run.sessionId) ?? null} />
          ))}
        </div>
      )}
    </section>
  );
}
