import { errorMessage } from '../../data/errors.ts';
import { FireTimes } from './FireTimes.tsx';
import { useCronPreview } from './use-schedules.ts';

/** Under the cron field: the next five fire times of what is typed, or why the expression or zone is refused. */
export function CronPreview({ cron, timezone, id }: { cron: string; timezone: string; id: string }) {
  const preview = useCronPreview(cron, timezone);
  let body;
  if (!cron.trim()) body = <p className="field-hint">Type an expression to see when it fires.</p>;
  else if (preview.isError) body = <p className="field-error">{errorMessage(preview.error)}</p>;
  else if (!preview.data) body = <p className="field-hint">…</p>;
  else if ('error' in preview.data) body = <p className="field-error"><span aria-hidden="true">⚠ </span>{preview.data.error}</p>;
  else body = <FireTimes dates={preview.data.nextFires} zone={preview.data.timezone} cron={cron} label="Next fire times" />;
  return <div id={id} className="cron-preview" aria-live="polite">{body}</div>;
}
