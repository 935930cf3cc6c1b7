import { Cron } from 'croner';
import type { CronPreview } from '../../../shared/domain/schedule.ts';
import { CoreError } from '../errors.ts';

/**
 * Cron expressions through croner: 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds
 * first, nicknames such as @daily, evaluated in an IANA time zone. Croner's DST rules apply: a fixed time in a
 * skipped hour runs at the first valid time after it, a fixed time in a repeated hour runs once; a stepped
 * expression (every 30 minutes) skips what does not exist and runs both occurrences of what repeats.
 */
const FIELDS = '5 fields (minute hour day-of-month month day-of-week), or 6 with seconds first';

/** The time zone of this machine: a schedule's default. */
export const localZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The zone's canonical IANA name ("europe/berlin" → "Europe/Berlin"), or a clear error. */
export function checkZone(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw new CoreError('INVALID_INPUT', `unknown time zone "${zone}": give an IANA name such as UTC, Europe/Berlin or America/New_York`);
  }
}

const cache = new Map<string, Cron>();

/** A parsed expression in its zone (cached: a tick asks for every schedule each second). */
export function parseCron(expression: string, zone: string, now: Date = new Date()): Cron {
  const key = `${zone}\u0000${expression}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const timezone = checkZone(zone);
  let cron: Cron;
  try {
    cron = new Cron(expression.trim(), { timezone, mode: '5-or-6-parts' });
  } catch (error) {
    const reason = (error as Error).message.replace(/^CronPattern: /, '');
    throw new CoreError('INVALID_INPUT', `invalid cron expression "${expression}": ${reason} (${FIELDS})`);
  }
  if (cron.nextRun(now) === null) {
    throw new CoreError('INVALID_INPUT', `the cron expression "${expression}" never fires (no date matches it)`);
  }
  if (cache.size > 1000) cache.clear();
  cache.set(key, cron);
  return cron;
}

/** The next `count` slots strictly after `from`. */
export const nextFires = (cron: Cron, from: Date, count: number): Date[] => cron.nextRuns(count, from);

/** The add form's live preview: the next fire times, or the reason the expression or zone is refused. */
export function previewCron(expression: string, zone: string, now: Date, count: number): CronPreview {
  try {
    const timezone = checkZone(zone);
    return { nextFires: nextFires(parseCron(expression, timezone, now), now, count), timezone };
  } catch (error) {
    if (error instanceof CoreError) return { error: error.message };
    throw error;
  }
}
