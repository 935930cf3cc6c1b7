import type { HealthIncident, HealthState } from '../../../../shared/domain/health.ts';

/** More than this at once is a crash loop, which ends in the fatal banner anyway. */
const MAX_SHOWN = 3;

/**
 * The incidents the banner shows, newest first: none once the core gave up (the fatal banner says it all),
 * else those not dismissed; one still recovering cannot be dismissed, so it is always there.
 */
export function visibleIncidents(health: HealthState, dismissed: ReadonlySet<number>): HealthIncident[] {
  if (health.fatal) return [];
  return health.incidents.filter((i) => i.state === 'recovering' || !dismissed.has(i.id)).slice(0, MAX_SHOWN);
}

/** "14:02", local time: the banner's sentence names when it happened. */
export const clockTime = (date: Date): string => date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
