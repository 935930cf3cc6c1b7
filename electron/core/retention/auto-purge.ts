import type { PurgeReport } from '../../../shared/domain/retention.ts';
import type { PurgeOptions } from './purge.ts';

export interface AutoPurgeOptions {
  /** Between purges (default a day). */
  intervalMs?: number;
  /** Before the first look after start (default a minute: start-up work goes first). */
  startDelayMs?: number;
  /** Each purge's time budget (default 30 s); one that ran out goes on after retryMs (default a minute). */
  budgetMs?: number;
  retryMs?: number;
}

const DAY_MS = 86_400_000;

/**
 * The daily purge of a long-lived core (the app, `opsroom serve`, `opsroom worker`; never a one-shot command).
 * When it is due is read from the newest recorded purge (retention_purges), so an app that is opened and closed
 * several times a day still purges once a day, and cores sharing a PostgreSQL do not each purge daily on their
 * own clock. An error (the database briefly unavailable) is tried again after retryMs.
 */
export function startAutoPurge(
  deps: { purge(options: PurgeOptions): Promise<PurgeReport>; lastPurge(): Promise<PurgeReport | null> },
  options: AutoPurgeOptions = {},
): { stop(): Promise<void> } {
  const intervalMs = options.intervalMs ?? DAY_MS;
  const retryMs = options.retryMs ?? 60_000;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const schedule = (ms: number) => {
    if (controller.signal.aborted) return;
    timer = setTimeout(() => void (inFlight = tick()), Math.max(0, ms));
    timer.unref();
  };
  const tick = async () => {
    try {
      const last = await deps.lastPurge();
      // an unfinished purge (its budget ran out) goes on now; a finished one waits out its interval
      const wait = last?.complete ? last.startedAt.getTime() + intervalMs - Date.now() : 0;
      if (wait > 0) return schedule(wait);
      const report = await deps.purge({ budgetMs: options.budgetMs ?? 30_000, signal: controller.signal });
      schedule(report.complete ? intervalMs : retryMs);
    } catch {
      schedule(retryMs);
    }
  };
  schedule(options.startDelayMs ?? 60_000);
  return {
    async stop() {
      controller.abort();
      clearTimeout(timer);
      await inFlight;
    },
  };
}
