import type { ReactNode } from 'react';
import type { Run } from '../../../../shared/domain/run.ts';
import { shownParams } from '../../../../shared/domain/secret-marker.ts';
import { boardHash } from '../../app/route.ts';
import { Duration } from '../../components/Duration.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { formatTimestamp } from '../../data/format.ts';
import { RunActions } from './RunActions.tsx';
import { useSessionTitle } from './use-session-title.ts';

/** The run at a glance: what it is, with which parameters, where it runs, when, how long, and how it ended. */
export function RunHeader({ run }: { run: Run }) {
  const sessionTitle = useSessionTitle(run.sessionId);
  const params = shownParams(run.input);
  return (
    <header className="rv-header">
      <div className="rv-title-row">
        <h1 className="rv-title">
          {run.title} <span className="rv-id">#{run.id}</span>
        </h1>
        <StatusBadge status={run.status} cancelling={run.cancelRequestedAt !== null} />
        <RunActions run={run} />
      </div>
      <dl className="rv-meta">
        <Meta label="Lane">{run.lane}</Meta>
        <Meta label="Session">
          {run.sessionId === null ? 'none' : <a href={boardHash(`session=${run.sessionId}`)}>{sessionTitle ?? `#${run.sessionId}`}</a>}
        </Meta>
        <Meta label="Attempt">{run.attempt} of {run.maxAttempts}</Meta>
        <Meta label="Created"><Time date={run.createdAt} /></Meta>
        <Meta label="Started"><Time date={run.startedAt} /></Meta>
        <Meta label="Finished"><Time date={run.finishedAt} /></Meta>
        <Meta label="Duration">
          {run.startedAt ? <Duration start={run.startedAt} end={run.finishedAt} /> : 'not started'}
        </Meta>
        {params.length > 0 && (
          <Meta label="Parameters">{params.map((text, i) => <span key={text}>{i > 0 && ' '}<code>{text}</code></span>)}</Meta>
        )}
      </dl>
      {run.error && (
        <p className="rv-error">
          <span aria-hidden="true">⚠ </span><strong>Error:</strong> {run.error}
        </p>
      )}
    </header>
  );
}

function Meta({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="rv-meta-item">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Time({ date }: { date: Date | null }) {
  return date ? <time dateTime={date.toISOString()}>{formatTimestamp(date)}</time> : <>—</>;
}
