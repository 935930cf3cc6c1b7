import { useId, useState } from 'react';
import type { ScheduleSummary, ScheduleTarget } from '../../../../shared/domain/schedule.ts';
import { cronHasSeconds, zonedTime } from '../../../../shared/domain/zoned-time.ts';
import { FieldError } from '../../components/FieldError.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { runHash } from '../../app/route.ts';
import { errorMessage } from '../../data/errors.ts';
import { FireTimes } from './FireTimes.tsx';
import { RemoveScheduleDialog } from './RemoveScheduleDialog.tsx';
import { useScheduleActions } from './use-schedules.ts';

export const targetText = (target: ScheduleTarget): string =>
  (target.kind === 'plan' ? `plan “${target.name}”` : target.kind === 'skill' ? `/${target.name}` : target.text);

/** One schedule: what it runs and when, its next fire times, what became of its last slot; pause, resume, remove. */
export function ScheduleCard({ schedule }: { schedule: ScheduleSummary }) {
  const actions = useScheduleActions();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const errorId = useId();
  const params = Object.entries(schedule.params);
  const last = schedule.lastFire;

  const toggle = async () => {
    setBusy(true);
    setError(null);
    try {
      await (schedule.paused ? actions.resume(schedule.name) : actions.pause(schedule.name));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={`schedule-card${schedule.paused ? ' paused' : ''}`} aria-label={`Schedule ${schedule.name}`}>
      <div className="schedule-head">
        <h2 className="schedule-name">{schedule.name}</h2>
        <span className={`schedule-state${schedule.paused ? ' paused' : ''}`}>{schedule.paused ? '❚❚ paused' : '● active'}</span>
      </div>
      <p className="schedule-when"><code>{schedule.cron}</code> in {schedule.timezone} → <code>{targetText(schedule.target)}</code></p>
      {params.length > 0 && <p className="schedule-meta">{params.map(([k, v]) => `${k}=${String(v)}`).join(' · ')}</p>}
      <p className="schedule-meta">Overlap {schedule.overlap} · catch-up {schedule.catchUp}{schedule.catchUp === 'all' ? ` (at most ${schedule.catchUpLimit})` : ''} · lane {schedule.lane}</p>
      <div className="schedule-next">
        <h3 className="schedule-label">Next{schedule.paused ? ' (when resumed)' : ''}</h3>
        <FireTimes dates={schedule.nextFires} zone={schedule.timezone} cron={schedule.cron} label={`Next fire times of ${schedule.name}`} />
      </div>
      <p className="schedule-last">
        <span className="schedule-label">Last</span>{' '}
        {last ? (
          <>
            {zonedTime(last.slot, schedule.timezone, { seconds: cronHasSeconds(schedule.cron) })} {last.outcome}
            {last.runId !== null && <> · <a href={runHash(last.runId)}>run #{last.runId}</a> {last.runStatus && <StatusBadge status={last.runStatus} />}</>}
            {last.detail && <span className="schedule-detail"> — {last.detail}</span>}
          </>
        ) : 'not fired yet'}
      </p>
      <FieldError id={errorId} messages={error ? [errorMessage(error)] : undefined} />
      <div className="schedule-actions">
        <button type="button" className="btn btn-small" disabled={busy} onClick={toggle}
          aria-label={`${schedule.paused ? 'Resume' : 'Pause'} ${schedule.name}`}>{schedule.paused ? 'Resume' : 'Pause'}</button>
        <button type="button" className="btn btn-small btn-danger-quiet" aria-label={`Remove ${schedule.name}`} onClick={() => setConfirming(true)}>Remove</button>
      </div>
      {confirming && <RemoveScheduleDialog name={schedule.name} onClose={() => setConfirming(false)} />}
    </li>
  );
}
