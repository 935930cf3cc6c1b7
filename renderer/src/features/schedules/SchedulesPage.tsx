import { useState } from 'react';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { errorMessage } from '../../data/errors.ts';
import { AddScheduleForm } from './AddScheduleForm.tsx';
import { ScheduleCard } from './ScheduleCard.tsx';
import { useScheduleActions, useSchedules } from './use-schedules.ts';
import './schedules.css';

/** Every schedule with its next fire times; add one, pause or resume one, or pause them all at once. */
export function SchedulesPage() {
  const schedules = useSchedules();
  const actions = useScheduleActions();
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const pausedAll = schedules.data?.pausedAll ?? false;

  const togglePauseAll = () => {
    setError(null);
    (pausedAll ? actions.resumeAll() : actions.pauseAll()).catch(setError);
  };

  return (
    <section className="page schedules" aria-labelledby="schedules-title">
      <div className="page-head">
        <h1 id="schedules-title">Schedules</h1>
        <span className="page-context">Fire while this app (or opsroom serve / worker) runs; missed slots follow each schedule’s catch-up policy.</span>
        <div className="page-actions">
          <button type="button" className="btn" aria-expanded={adding} onClick={() => setAdding((a) => !a)}>Add schedule</button>
          <button type="button" className="btn" disabled={!schedules.isSuccess} onClick={togglePauseAll}>{pausedAll ? 'Resume all' : 'Pause all'}</button>
        </div>
      </div>
      {error !== null && <p className="field-error" role="alert"><span aria-hidden="true">⚠ </span>{errorMessage(error)}</p>}
      {pausedAll && (
        <p className="schedules-paused-all" role="status">All schedules are paused: nothing fires until you resume them (slots meanwhile are not caught up).</p>
      )}
      {adding && <AddScheduleForm onDone={() => setAdding(false)} onCancel={() => setAdding(false)} />}
      {schedules.isPending && <LoadingState label="Loading schedules" rows={3} />}
      {schedules.isError && <ErrorState title="Could not load schedules" error={schedules.error} onRetry={() => void schedules.refetch()} />}
      {schedules.isSuccess && (schedules.data.schedules.length === 0 ? (
        <EmptyState title="No schedules yet">Press “Add schedule” to run a plan, a skill or a command on a cron expression.</EmptyState>
      ) : (
        <ul className="schedule-list" aria-label="Schedules">
          {schedules.data.schedules.map((schedule) => <ScheduleCard key={schedule.id} schedule={schedule} />)}
        </ul>
      ))}
    </section>
  );
}
