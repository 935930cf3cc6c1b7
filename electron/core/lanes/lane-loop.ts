import type { RunEvent } from '../../../shared/domain/run.ts';
import { createEventWriter } from '../executor/event-writer.ts';
import { executeRun, type Outcome } from '../executor/execute-run.ts';
import type { StopReason } from '../executor/step-handler.ts';
import { retryDelayMs, type BackoffOptions } from '../queue/backoff.ts';
import type { ClaimedRun, RunEnding, Store } from '../queue/store.ts';

export interface LaneLoopOptions {
  lane: string;
  workerId: string;
  store: Store;
  publish(events: RunEvent[]): void;
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

  const execute = async (claimed: ClaimedRun): Promise<void> => {
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
    const writer = createEventWriter((events) => store.appendEvents(events), publish);
    let outcome: Outcome;
    try {
      outcome = await executeRun(claimed, abort.signal, { store, writer, publish });
    } catch (error) {
      outcome = { status: 'failed', error: `internal error: ${(error as Error).message}` };
    } finally {
      clearInterval(beat);
      current = null;
    }
    await end(claimed, outcome);
    options.onBusy?.(null);
  };

  const end = async (claimed: ClaimedRun, outcome: Outcome): Promise<void> => {
    if (outcome.status === 'lost') return;
    if (outcome.status === 'drained') {
      const changes = await store.reclaim({ workerIds: [workerId], reason: 'requeued: its worker shut down before it finished' });
      return publish(changes.flatMap((c) => c.events));
    }
    const ending: RunEnding = outcome.status === 'failed'
      ? { status: 'failed', error: outcome.error, retryDelayMs: retryDelayMs(claimed.run.attempt, options.backoff) }
      : outcome;
    const change = await store.finishRun(claimed.fence, ending);
    if (change) publish(change.events);
  };

  const loop = async (): Promise<void> => {
    while (!draining) {
      let claimed: ClaimedRun | null = null;
      try {
        claimed = await store.claim(options.lane, workerId);
      } catch {
        // database briefly unavailable: back off and try again rather than die
      }
      if (!claimed) {
        await sleep(options.pollMs);
        continue;
      }
      publish(claimed.events);
      await execute(claimed);
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
