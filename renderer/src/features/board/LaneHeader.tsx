import { useId, useState } from 'react';
import type { LaneInfo } from '../../../../shared/ipc/methods/lanes.ts';
import { FieldError } from '../../components/FieldError.tsx';
import { Icon } from '../../components/Icon.tsx';
import { RunCounts } from '../../components/RunCounts.tsx';
import { errorMessage } from '../../data/errors.ts';
import { useBoardActions } from './use-board-actions.ts';

/** A lane's name, its counts, pause/resume, and a line when it does not claim work (paused, or no worker here). */
export function LaneHeader({ lane, headingId }: { lane: LaneInfo; headingId: string }) {
  const actions = useBoardActions();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errorId = useId();

  const toggle = async () => {
    setBusy(true);
    setError(null);
    try {
      await actions.setPaused(lane.name, !lane.paused);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="lane-header">
      <div className="lane-header-row">
        <h2 id={headingId} className="lane-title">Lane {lane.name}</h2>
        <RunCounts counts={lane.counts} />
        <button type="button" className="btn btn-small btn-quiet lane-toggle" disabled={busy}
          aria-label={`${lane.paused ? 'Resume' : 'Pause'} lane ${lane.name}`} aria-describedby={error ? errorId : undefined}
          onClick={toggle}>
          <Icon name={lane.paused ? 'play' : 'pause'} /> {lane.paused ? 'Resume' : 'Pause'}
        </button>
      </div>
      {lane.paused && (
        <p className="lane-state lane-paused"><Icon name="pause" /> Paused: queued runs wait until it is resumed.</p>
      )}
      {!lane.served && <p className="lane-state">No worker of this app claims runs on this lane.</p>}
      <FieldError id={errorId} messages={error ? [errorMessage(error)] : undefined} />
    </div>
  );
}
