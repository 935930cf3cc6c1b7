import type { OpenTarget } from '../../../shared/ipc/events.ts';
import { boardHash, runHash } from './route.ts';

/** What the window does with an app.open request: go to a route, or offer a stored plan in the command bar. */
export type OpenAction = { navigate: string } | { offerPlan: number };

/** Opening only ever shows something: a plan is offered with its parameter form, never run. */
export function openAction(target: OpenTarget): OpenAction {
  switch (target.kind) {
    case 'run': return { navigate: runHash(target.runId) };
    case 'board': return { navigate: boardHash(target.query) };
    case 'plan': return { offerPlan: target.planId };
  }
}
