/**
 * A time as a clock in `zone` shows it, with the zone's offset then (it changes at DST, so it is part of the
 * answer): "2026-03-07 03:00 UTC+1". Seconds only when asked (a schedule with a seconds field); no zone: the
 * local one. The CLI and the Schedules page print fire times with it, so both say the same.
 */
export function zonedTime(date: Date, zone?: string, options: { seconds?: boolean } = {}): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    hourCycle: 'h23', timeZoneName: 'shortOffset',
  }).formatToParts(date).map((part) => [part.type, part.value]));
  const offset = (parts.timeZoneName ?? '').replace(/^GMT/, 'UTC').replace(/^UTC\+0$/, 'UTC');
  const clock = `${parts.hour}:${parts.minute}${options.seconds ? `:${parts.second}` : ''}`;
  return `${parts.year}-${parts.month}-${parts.day} ${clock} ${offset}`;
}

/** Whether a cron expression has a seconds field (6 fields): its times are shown with seconds. */
export const cronHasSeconds = (cron: string): boolean => cron.trim().split(/\s+/).length === 6;
