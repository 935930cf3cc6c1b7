import type { NewRunEvent, RunEvent } from '../../../shared/domain/run.ts';
import type { ClaimedRun, Store } from '../queue/store.ts';
import type { EventWriter } from './event-writer.ts';
import { HANDLERS } from './handlers.ts';
import type { StepContext, StepResult, StopReason } from './step-handler.ts';

export interface ExecuteDeps {
  store: Pick<Store, 'startStep' | 'finishStep'>;
  writer: EventWriter;
  publish(events: RunEvent[]): void;
}

/** How executing a run ended. `lost`: the fence no longer holds, so this worker must write nothing more about
 * the run; `drained`: stopped for shutdown, to be requeued. */
export type Outcome =
  | { status: 'succeeded' }
  | { status: 'failed'; error: string }
  | { status: 'cancelled' }
  | { status: 'lost' }
  | { status: 'drained' };

/**
 * Runs a claimed run's steps in order. Output events are stored before the step's
 * closing event, so the log always reads in the order things happened.
 */
export async function executeRun(claimed: ClaimedRun, signal: AbortSignal, deps: ExecuteDeps): Promise<Outcome> {
  const { run, plan, fence } = claimed;
  for (const [idx, step] of plan.steps.entries()) {
    if (signal.aborted) return stopped(signal.reason as StopReason);
    const started = await deps.store.startStep(fence, idx);
    if (started.length === 0) return { status: 'lost' };
    deps.publish(started);

    const timeout = step.timeoutMs ? stepTimeout(step.timeoutMs) : null;
    const stepSignal = timeout ? AbortSignal.any([signal, timeout.signal]) : signal;
    const event = (partial: Pick<NewRunEvent, 'kind' | 'level' | 'message' | 'payload'>) =>
      deps.writer.push({ runId: run.id, attempt: run.attempt, stepId: step.id, ...partial });
    const ctx: StepContext = {
      runId: run.id,
      attempt: run.attempt,
      stepId: step.id,
      signal: stepSignal,
      output: (stream, line) => event({ kind: 'output', level: stream === 'stderr' ? 'warn' : 'info', message: line, payload: { stream } }),
      log: (level, message, payload) => event({ kind: 'log', level, message, payload: payload ?? null }),
    };
    const handler = HANDLERS.get(step.tool);
    const input = handler?.inputSchema.safeParse(step.input);
    let result: StepResult;
    try {
      result = !handler ? { ok: false, error: `unknown tool "${step.tool}"` }
        : !input?.success ? { ok: false, error: `invalid input: ${input?.error.issues[0]?.message}` }
          : await handler.run(input.data, ctx);
    } finally {
      timeout?.clear();
    }
    await deps.writer.flush();

    const reason = stepSignal.aborted ? (stepSignal.reason as StopReason) : null;
    const status = result.ok ? 'succeeded' : reason === 'cancel' || reason === 'drain' ? 'cancelled' : 'failed';
    const timedOut = reason === 'timeout' ? ` after ${step.timeoutMs} ms` : '';
    const message = result.ok
      ? `step ${step.id} succeeded${result.exitCode != null ? ` (exit ${result.exitCode})` : ''}`
      : `step ${step.id} ${status}: ${result.error}${timedOut}`;
    const finished = await deps.store.finishStep(fence, idx, {
      status, exitCode: result.exitCode ?? null, error: result.ok ? null : `${result.error}${timedOut}`, result: result.result,
    }, message);
    if (finished.length === 0) return { status: 'lost' };
    deps.publish(finished);
    if (reason && reason !== 'timeout') return stopped(reason);
    if (!result.ok) return { status: 'failed', error: `step ${step.id}: ${result.error}${timedOut}` };
  }
  return { status: 'succeeded' };
}

function stopped(reason: StopReason): Outcome {
  if (reason === 'lost') return { status: 'lost' };
  if (reason === 'drain') return { status: 'drained' };
  return { status: 'cancelled' };
}

/** A step's own deadline; cleared when the step ends, so a long timeout holds nothing once it is done. */
function stepTimeout(ms: number): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort('timeout' satisfies StopReason), ms);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}
