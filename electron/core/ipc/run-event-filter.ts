import { isApprovalEvent } from '../../../shared/domain/approval.ts';
import type { RunEvent } from '../../../shared/domain/run.ts';

// Status, step and proof events are few and every screen shows them; output and log lines can be 100,000 a
// run, so only a connection watching that run gets them. An approval's log events (asked, decided) are few and
// the top bar's pending count follows them: every connection gets those too.
const FOR_EVERYONE: ReadonlySet<RunEvent['kind']> = new Set(['status', 'step', 'proof']);

/** The part of a published batch one connection receives. */
export const eventsFor = (events: readonly RunEvent[], watched: ReadonlySet<number>): RunEvent[] =>
  events.filter((event) => FOR_EVERYONE.has(event.kind) || watched.has(event.runId) || isApprovalEvent(event));
