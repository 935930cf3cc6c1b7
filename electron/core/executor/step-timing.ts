import type { Step } from '../../../shared/ir/plan.ts';
import type { StopReason } from './step-handler.ts';

/** The wait before try tryNo + 1 of a step: its retry policy's delay, doubled each try when exponential. */
export function retryDelay(step: Step, tryNo: number): number {
  const base = step.retry?.delayMs ?? 1000;
  return step.retry?.backoff === 'exponential' ? Math.min(base * 2 ** (tryNo - 1), 3_600_000) : base;
}

/** Resolves true after ms, or false as soon as the signal aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<boolean> {
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

export function deadline(ms: number): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort('timeout' satisfies StopReason), ms);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}
