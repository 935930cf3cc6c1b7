import { cronHasSeconds, zonedTime } from '../../../../shared/domain/zoned-time.ts';

/** This browser's zone: fire times in another zone are shown in both. */
export const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Fire times as the schedule's zone tells them and, when that is not this machine's, in local time too. */
export function FireTimes({ dates, zone, cron, label }: { dates: readonly Date[]; zone: string; cron: string; label: string }) {
  const seconds = cronHasSeconds(cron);
  if (dates.length === 0) return <p className="fire-times-none">Never fires again.</p>;
  return (
    <ol className="fire-times" aria-label={label}>
      {dates.map((date) => (
        <li key={date.toISOString()}>
          <time dateTime={date.toISOString()}>{zonedTime(date, zone, { seconds })}</time>
          {zone !== LOCAL_ZONE && <span className="fire-local"> · local {zonedTime(date, undefined, { seconds })}</span>}
        </li>
      ))}
    </ol>
  );
}
