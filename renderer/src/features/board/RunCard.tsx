import type { RunCard as RunCardData } from '../../../../shared/ipc/methods/runs.ts';
import { Duration } from '../../components/Duration.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { TimeAgo } from '../../components/TimeAgo.tsx';
import { runHash } from '../../app/route.ts';
import { navigate } from '../../app/router.ts';
import { firstLine } from '../../data/format.ts';
import { RunCardActions } from './RunCardActions.tsx';
import { LogMatches } from './LogMatches.tsx';

/**
 * One run on the board. The whole card opens the run (click, or Enter when the card has focus); its buttons
 * act on it without opening it. Dense, but every fact is text: status word, "2/3 steps", attempt, error line.
 */
export function RunCard({ run, sessionTitle }: { run: RunCardData; sessionTitle: string | null }) {
  const open = () => navigate(runHash(run.id));
  const { total, done, failed } = run.progress;
  const showAttempt = run.attempt > 1 || run.maxAttempts > 1;

  return (
    <article
      className={`run-card status-${run.status}`}
      aria-label={`Run #${run.id}: ${run.title}`}
      tabIndex={0}
      data-run-card=""
      onClick={(e) => {
        // A click on a button, or the end of a text selection, is not "open this run".
        if ((e.target as HTMLElement).closest('button, a, input') || window.getSelection()?.toString()) return;
        open();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.target === e.currentTarget) open();
      }}
    >
      <div className="card-top">
        <StatusBadge status={run.status} cancelling={run.cancelRequestedAt !== null} />
        <span className="run-id">#{run.id}</span>
        {run.startedAt && <Duration className="run-duration" start={run.startedAt} end={run.finishedAt} />}
      </div>
      <h3 className="run-title">{run.title}</h3>
      {total > 0 && (
        <div className="card-progress">
          <span className="progress-text">{done}/{total} steps{failed > 0 && `, ${failed} failed`}</span>
          <ProgressBar value={done} max={total} label="Steps done" failed={failed > 0} />
        </div>
      )}
      {run.status === 'failed' && run.error && <p className="run-error" title={run.error}>{firstLine(run.error)}</p>}
      <LogMatches runId={run.id} />
      <div className="card-meta">
        {sessionTitle && <span className="card-session" title="Session">{sessionTitle}</span>}
        <TimeAgo date={run.createdAt} />
        {showAttempt && <span>attempt {Math.max(run.attempt, 1)}/{run.maxAttempts}</span>}
      </div>
      <RunCardActions run={run} />
    </article>
  );
}
