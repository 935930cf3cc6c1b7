import type { RunEvent } from '../../../shared/domain/run.ts';
import { createEventWriter } from '../executor/event-writer.ts';
import { executeRun, type Outcome } from '../executor/execute-run.ts';
import type { StopReason } from '../executor/step-handler.ts';
import type { ToolRunner } from '../executor/tool-runner.ts';
import type { SecretSource } from '../mcp/server-env.ts';
import { retryDelayMs, type BackoffOptions } from '../queue/backoff.ts';
import type { ClaimedRun, RunEnding, Store } from '../queue/store.ts';

export interface LaneLoopOptions {
  lane: string;
  workerId: string;
  store: Store;
  publish(events: RunEvent[]): void;
  tools: ToolRunner;
  /** The secret store, where a run's secret parameter values are. */
  secrets: SecretSource;
  heartbeatMs: number;
  /** How long to sleep when nothing is claimable; a wake() cuts it short. */
  pollMs: number;
  backoff: BackoffOptions;
  onBusy?(runId: number | null): void;
}

export interface LaneLoop {
  /** Resolves when the loop has stopped (after drain). */
  done: Promise<void>;
  wake(): void;
  cancel(runId: number): void;
  /** Stop claiming; let the current run finish for up to graceMs, then stop it and requeue it. */
  drain(graceMs: number): void;
}

/** One lane worker: claim, execute with heartbeats, end the run; repeat until drained. */
export function startLaneLoop(options: LaneLoopOptions): LaneLoop {
  const { store, publish, workerId } = options;
  let draining = false;
  let current: { runId: number; abort: AbortController } | null = null;
  let wakeUp: (() => void) | null = null;

  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      wakeUp = null;
      resolve();
    }
    wakeUp = done;
  });

  const execute = async (claimed: ClaimedRun): Promise<ClaimedRun | null> => {
    const abort = new AbortController();
    current = { runId: claimed.run.id, abort };
    options.onBusy?.(claimed.run.id);
    const stop = (reason: StopReason) => {
      if (!abort.signal.aborted) abort.abort(reason);
    };
    const beat = setInterval(() => {
      store.heartbeat(claimed.fence).then((answer) => {
        if (!answer.owned) stop('lost');
        else if (answer.cancelRequested) stop('cancel');
      }, () => undefined); // a missed beat is retried next tick; the reclaim timeout allows five
    }, options.heartbeatMs);
    const writer = createEventWriter((events) => store.appendEvents(events, claimed.fence), publish);
    let outcome: Outcome;
    try {
      outcome = await executeRun(claimed, abort.signal, { store, writer, publish, tools: options.tools, secrets: options.secrets });
    } catch (error) {
      outcome = { status: 'failed', error: `internal error: ${(error as Error).message}` };
    } finally {
      clearInterval(beat);
      current = null;
    }
    options.onBusy?.(null);
    return end(claimed, outcome);
  };

  /** Records how the run ended; unless draining, claims the next run in the same statement. */
  const end = async (claimed: ClaimedRun, outcome: Outcome): Promise<ClaimedRun | null> => {
    if (outcome.status === 'lost') return null;
    if (outcome.status === 'drained') {
      await requeue('requeued: its worker shut down before it finished');
      return null;
    }
    const ending: RunEnding = outcome.status === 'failed'
      ? { status: 'failed', error: outcome.error, retryDelayMs: retryDelayMs(claimed.run.attempt, options.backoff) }
      : outcome;
    if (draining) {
      const change = await store.finishRun(claimed.fence, ending);
      if (change) publish(change.events);
      return null;
    }
    const { ended, next } = await store.finishAndClaim(claimed.fence, ending, options.lane, workerId);
    if (ended) publish(ended.events);
    return next;
  };

  const requeue = async (reason: string) => {
    const changes = await store.reclaim({ workerIds: [workerId], reason });
    publish(changes.flatMap((c) => c.events));
  };

  const loop = async (): Promise<void> => {
    let next: ClaimedRun | null = null;
    for (;;) {
      if (draining) {
        // A run claimed (or handed over by finishAndClaim) just as the drain began: give it back unstarted.
        if (next) {
          publish(next.events);
          await requeue('requeued: its worker shut down before it started');
        }
        return;
      }
      let claimed: ClaimedRun | null = next;
      next = null;
      if (!claimed) {
        try {
          claimed = await store.claim(options.lane, workerId);
        } catch {
          // database briefly unavailable: back off and try again rather than die
        }
        if (claimed && draining) {
          next = claimed; // the drain came while the claim was in flight: give it back at the top
          continue;
        }
      }
      if (!claimed) {
        await sleep(options.pollMs);
        continue;
      }
      publish(claimed.events);
      try {
        next = await execute(claimed);
      } catch {
        // ending the run failed (database briefly unavailable): its heartbeat has stopped, so it is reclaimed
      }
    }
  };

  return {
    done: loop(),
    wake: () => wakeUp?.(),
    cancel(runId) {
      if (current?.runId === runId) current.abort.abort('cancel' satisfies StopReason);
    },
    drain(graceMs) {
      draining = true;
      wakeUp?.();
      const running = current;
      if (running) setTimeout(() => running.abort.abort('drain' satisfies StopReason), graceMs).unref();
    },
  };
}
