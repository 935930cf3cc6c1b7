import type { RunEvent } from '../../../shared/domain/run.ts';
import type { Step } from '../../../shared/ir/plan.ts';
import { resolveReferences, type ReferenceScope } from '../plans/resolve-references.ts';
import type { ClaimedRun, StepOutcome, Store } from '../queue/store.ts';
import type { EventWriter } from './event-writer.ts';
import { precheck } from './precheck.ts';
import { proveStep } from './prove-step.ts';
import { stepCapture, type StepOutputs } from './step-capture.ts';
import { STOPPED, type StepContext, type StepResult, type StopReason } from './step-handler.ts';
import { NO_OUTPUTS, storedOutputs, storedResult } from './step-outputs.ts';
import { deadline, pause, retryDelay } from './step-timing.ts';
import { stepLog } from './run-outcome.ts';
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

export interface StepOptions {
  /** The step fails at once with this error, its action not tried (a reference to a skipped step's output,
   * a condition that cannot be evaluated). */
  refusal?: string;
}

/**
 * One step: a pre-check if it asks for one (already satisfied: done, no action), then its tries (retry
 * policy), each a tool call then every verifier; then the step's closing event with its outputs.
 * A try succeeds only when the call succeeded and every verifier passed.
 */
export async function executeStep(
  claimed: ClaimedRun, idx: number, scope: ReferenceScope, signal: AbortSignal, deps: StepDeps, options: StepOptions = {},
): Promise<StepEnd> {
  const { plan, fence } = claimed;
  const step = plan.steps[idx]!;
  const started = await deps.store.startStep(fence, idx);
  if (started.length === 0) return { status: 'lost' };
  deps.publish(started);
  const finish = async (end: StepEnd & { status: 'succeeded' | 'failed' }, outcome: StepOutcome, message: string): Promise<StepEnd> => {
    await deps.writer.flush();
    const finished = await deps.store.finishStep(fence, idx, outcome, message);
    if (finished.length === 0) return { status: 'lost' };
    deps.publish(finished);
    return end;
  };

  if (options.refusal !== undefined) {
    return finish({ status: 'failed', error: options.refusal, outputs: NO_OUTPUTS },
      { status: 'failed', error: options.refusal }, `step ${step.id} failed: ${options.refusal}`);
  }
  if (step.precheck) {
    const verdict = await precheck(step, scope, fence, signal, deps);
    if ('lost' in verdict) return { status: 'lost' };
    if (!signal.aborted && verdict.satisfied) {
      return finish({ status: 'succeeded', outputs: NO_OUTPUTS },
        { status: 'succeeded', settledBy: 'precheck', outputs: storedOutputs(NO_OUTPUTS) },
        `step ${step.id} already satisfied: its pre-check proved it with ${plural(verdict.checked, 'verifier')}, so it did not run`);
    }
    if (!verdict.satisfied) deps.writer.push(stepLog(claimed, step, 'info', `pre-check: not satisfied yet (${verdict.why}); running the step`));
  }

  const tries = signal.aborted ? 0 : step.retry?.attempts ?? 1;
  let end: StepEnd = signal.aborted ? { status: 'cancelled', reason: signal.reason as StopReason } : { status: 'lost' };
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
    deps.writer.push(stepLog(claimed, step, 'warn', `try ${tryNo} of ${tries} failed: ${attempt.error}; trying again in ${delay} ms`));
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
    ? `step ${step.id} succeeded${exitCode != null ? ` (exit ${exitCode})` : ''}, proven by ${plural(step.verify.length, 'verifier')}`
    : `step ${step.id} ${status}: ${error}`;
  const outputs = last ? storedOutputs(last.outputs) : null;
  const finished = await deps.store.finishStep(fence, idx, { status, exitCode, error, result: storedResult(last?.result.result), outputs }, message);
  if (finished.length === 0) return { status: 'lost' };
  deps.publish(finished);
  return end;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

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
      deps.writer.push({ ...stepLog(claimed, step, stream === 'stderr' ? 'warn' : 'info', line), kind: 'output', payload: { stream } });
    },
    log: (level, message, payload) => deps.writer.push({ ...stepLog(claimed, step, level, message), payload: payload ?? null }),
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
