import type { NewRunEvent, RunEvent } from '../../../shared/domain/run.ts';
import type { Step } from '../../../shared/ir/plan.ts';
import { resolveReferences, type ReferenceScope } from '../plans/resolve-references.ts';
import type { ClaimedRun, Store } from '../queue/store.ts';
import type { EventWriter } from './event-writer.ts';
import { proveStep } from './prove-step.ts';
import { stepCapture, type StepOutputs } from './step-capture.ts';
import { STOPPED, type StepContext, type StepResult, type StopReason } from './step-handler.ts';
import type { ToolRunner } from './tool-runner.ts';

export interface StepDeps {
  store: Pick<Store, 'startStep' | 'finishStep' | 'recordProof' | 'localQuery'>;
  writer: EventWriter;
  publish(events: RunEvent[]): void;
  tools: ToolRunner;
}

export type StepEnd =
  | { status: 'succeeded'; outputs: StepOutputs }
  | { status: 'failed'; error: string; outputs: StepOutputs }
  | { status: 'cancelled'; reason: StopReason }
  | { status: 'lost' };

/** A stored step result stays small: the full output is in the events, large evidence in artifacts. */
const MAX_RESULT_JSON = 64 * 1024;

/**
 * One step: its tries (retry policy), each a tool call then every verifier; then the step's closing event.
 * A try succeeds only when the call succeeded and every verifier passed.
 */
export async function executeStep(
  claimed: ClaimedRun, idx: number, scope: ReferenceScope, signal: AbortSignal, deps: StepDeps,
): Promise<StepEnd> {
  const { plan, fence } = claimed;
  const step = plan.steps[idx]!;
  const started = await deps.store.startStep(fence, idx);
  if (started.length === 0) return { status: 'lost' };
  deps.publish(started);

  const tries = step.retry?.attempts ?? 1;
  let end: StepEnd = { status: 'lost' };
  let last: { result: StepResult; outputs: StepOutputs } | null = null;
  for (let tryNo = 1; tryNo <= tries; tryNo++) {
    const attempt = await tryStep(claimed, step, tryNo, scope, signal, deps);
    if ('end' in attempt) {
      end = attempt.end;
      break;
    }
    last = attempt;
    end = attempt.error ? { status: 'failed', error: attempt.error, outputs: attempt.outputs } : { status: 'succeeded', outputs: attempt.outputs };
    if (end.status === 'succeeded' || tryNo === tries || attempt.final) break;
    const delay = retryDelay(step, tryNo);
    deps.writer.push(event(claimed, step, 'warn', `try ${tryNo} of ${tries} failed: ${attempt.error}; trying again in ${delay} ms`));
    if (!(await pause(delay, signal))) {
      end = { status: 'cancelled', reason: signal.reason as StopReason };
      break;
    }
  }
  await deps.writer.flush();
  if (end.status === 'lost') return end;

  const status = end.status === 'succeeded' ? 'succeeded' : end.status === 'failed' ? 'failed' : 'cancelled';
  const error = end.status === 'failed' ? end.error : end.status === 'cancelled' ? STOPPED[end.reason] : null;
  const exitCode = last?.result.exitCode ?? null;
  const message = status === 'succeeded'
    ? `step ${step.id} succeeded${exitCode != null ? ` (exit ${exitCode})` : ''}, proven by ${step.verify.length} verifier${step.verify.length > 1 ? 's' : ''}`
    : `step ${step.id} ${status}: ${error}`;
  const finished = await deps.store.finishStep(fence, idx, { status, exitCode, error, result: storedResult(last?.result.result) }, message);
  if (finished.length === 0) return { status: 'lost' };
  deps.publish(finished);
  return end;
}

type TryOutcome =
  | { end: StepEnd }
  /** final: trying again cannot help (a bad reference, an input the tool refuses). */
  | { result: StepResult; outputs: StepOutputs; error: string | null; final?: boolean };

async function tryStep(
  claimed: ClaimedRun, step: Step, tryNo: number, scope: ReferenceScope, runSignal: AbortSignal, deps: StepDeps,
): Promise<TryOutcome> {
  const timeout = step.timeoutMs ? deadline(step.timeoutMs) : null;
  const signal = timeout ? AbortSignal.any([runSignal, timeout.signal]) : runSignal;
  const capture = stepCapture();
  const ctx: StepContext = {
    runId: claimed.run.id,
    attempt: claimed.run.attempt,
    stepId: step.id,
    signal,
    timeoutMs: step.timeoutMs,
    planSandbox: claimed.plan.sandbox,
    output: (stream, line) => {
      capture.line(stream, line);
      deps.writer.push({ ...event(claimed, step, stream === 'stderr' ? 'warn' : 'info', line), kind: 'output', payload: { stream } });
    },
    log: (level, message, payload) => deps.writer.push({ ...event(claimed, step, level, message), payload: payload ?? null }),
  };
  let result: StepResult;
  let final = false;
  try {
    const input = resolveReferences(step.input, scope);
    try {
      result = await deps.tools.run(step, input, ctx);
    } catch (error) {
      result = { ok: false, error: (error as Error).message }; // a server that failed to start may start next try
    }
  } catch (error) {
    // a reference that cannot resolve: the same input would fail the same way again
    result = { ok: false, error: (error as Error).message };
    final = true;
  } finally {
    timeout?.clear();
  }
  await deps.writer.flush();
  const outputs = capture.outputs(result.exitCode, result.result);
  if (runSignal.aborted) return { end: { status: 'cancelled', reason: runSignal.reason as StopReason } };
  if (!result.ok) {
    const timedOut = signal.aborted ? ` after ${step.timeoutMs} ms` : '';
    return { result, outputs, error: `${result.error}${timedOut}`, final };
  }
  const verdict = await proveStep(step, tryNo, outputs, scope, claimed.fence, runSignal, deps);
  if ('lost' in verdict) return { end: { status: 'lost' } };
  if (runSignal.aborted) return { end: { status: 'cancelled', reason: runSignal.reason as StopReason } };
  return { result, outputs, error: verdict.passed ? uncheckedExit(step, result) : verdict.error };
}

/** A non-zero exit fails a step that did not say which codes it accepts: verifiers that only look at output
 * must not turn a failed command into a proven step. */
function uncheckedExit(step: Step, result: StepResult): string | null {
  if (typeof result.exitCode !== 'number' || result.exitCode === 0) return null;
  if (step.verify.some((v) => v.kind === 'exit_code')) return null;
  return `exit code ${result.exitCode} (add an exit_code verifier to accept other codes)`;
}


function event(claimed: ClaimedRun, step: Step, level: NewRunEvent['level'], message: string): NewRunEvent {
  return { runId: claimed.run.id, attempt: claimed.run.attempt, stepId: step.id, kind: 'log', level, message, payload: null };
}

function retryDelay(step: Step, tryNo: number): number {
  const base = step.retry?.delayMs ?? 1000;
  return step.retry?.backoff === 'exponential' ? Math.min(base * 2 ** (tryNo - 1), 3_600_000) : base;
}

/** Resolves true after ms, or false as soon as the signal aborts. */
function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function deadline(ms: number): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort('timeout' satisfies StopReason), ms);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

function storedResult(result: unknown): unknown {
  if (result === undefined) return undefined;
  const text = JSON.stringify(result);
  return text.length <= MAX_RESULT_JSON ? result : { truncated: true, jsonBytes: text.length };
}
