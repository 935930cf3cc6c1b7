import type { NewRunEvent } from '../../../shared/domain/run.ts';
import type { Step } from '../../../shared/ir/plan.ts';
import type { ClaimedRun } from '../queue/store.ts';
import type { StopReason } from './step-handler.ts';

/** How executing a run ended. `lost`: the fence no longer holds, so this worker must write nothing more about
 * the run; `drained`: stopped for shutdown, to be requeued. */
export type Outcome =
  | { status: 'succeeded' }
  | { status: 'failed'; error: string }
  | { status: 'cancelled' }
  | { status: 'lost' }
  | { status: 'drained' };

export function stopped(reason: StopReason): Outcome {
  if (reason === 'lost') return { status: 'lost' };
  if (reason === 'drain') return { status: 'drained' };
  return { status: 'cancelled' };
}

/** Why steps left unstarted by a stop are skipped. */
export const stopWhy = (reason: StopReason): string => `the run was ${reason === 'cancel' ? 'cancelled' : 'stopped'}`;

/** A log event of one step of the run. */
export function stepLog(claimed: ClaimedRun, step: Pick<Step, 'id'>, level: NewRunEvent['level'], message: string): NewRunEvent {
  return { runId: claimed.run.id, attempt: claimed.run.attempt, stepId: step.id, kind: 'log', level, message, payload: null };
}
