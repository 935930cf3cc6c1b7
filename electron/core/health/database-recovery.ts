import { setTimeout as sleep } from 'node:timers/promises';
import type { RunEvent } from '../../../shared/domain/run.ts';
import { CoreError } from '../errors.ts';
import type { DatabaseThread } from '../db/open-database.ts';
import type { LanePool } from '../lanes/lane-pool.ts';
import type { Store } from '../queue/store.ts';
import type { HealthMonitor } from './health-monitor.ts';

/** Restarts allowed within the window before giving up: a database that keeps dying (a corrupt page, memory
 * it can never get) must not restart forever. Reopening takes 0.3–0.5 s (pglite-facts Q5), so a real loop
 * reaches the limit within a few seconds. */
export const DATABASE_RESTARTS = { max: 3, windowMs: 60_000 };

export interface DatabaseRecoveryDeps {
  thread: DatabaseThread;
  store: Pick<Store, 'reclaim'>;
  pool(): Pick<LanePool, 'stopAll' | 'startAll'> | null;
  publish(events: RunEvent[]): void;
  health: HealthMonitor;
  dataDir: string;
}

/**
 * When the database thread stops unexpectedly: stop the lane workers (their ports went with it; running steps
 * are stopped), start a new thread on the same folder, requeue the runs that were running (nothing else can
 * hold them: the data-folder lock keeps other processes out), start the lane workers again. Store calls of
 * this thread wait meanwhile. Past DATABASE_RESTARTS it gives up: every call then fails with what to do.
 */
export function superviseDatabase(deps: DatabaseRecoveryDeps): { stop(): void } {
  const stops: number[] = [];
  let stopping = false;
  let recovering = false;
  /** A stop of the new thread while a recovery is still under way: that recovery goes round again. */
  let again: string | null = null;

  const tooMany = () => {
    const now = Date.now();
    stops.push(now);
    while (stops[0]! < now - DATABASE_RESTARTS.windowMs) stops.shift();
    return stops.length > DATABASE_RESTARTS.max;
  };

  const recover = async (firstError: string) => {
    recovering = true;
    const id = deps.health.report({ component: 'database', worker: null, error: firstError, state: 'recovering' });
    const requeued: number[] = [];
    let error = firstError;
    for (let attempt = 0; !stopping; attempt++) {
      // The workers are gone before the new thread comes: none can be waiting on the store while it restarts.
      await deps.pool()?.stopAll();
      if (tooMany()) return giveUp(id, error);
      again = null;
      try {
        if (attempt > 0) await sleep(250 * 2 ** attempt);
        await deps.thread.restart();
        // Stopped again meanwhile, the store is suspended: a reclaim now would wait for a resume that never comes.
        if (again !== null) throw new Error(again);
        const changes = await deps.store.reclaim({ olderThanMs: 0, reason: 'the database stopped while it ran' });
        deps.publish(changes.flatMap((change) => change.events));
        requeued.push(...changes.map((change) => change.run.id));
        if (again !== null) throw new Error(again);
        deps.pool()?.startAll();
        recovering = false;
        deps.health.update(id, { state: 'recovered', error, requeuedRunIds: requeued });
        return;
      } catch (failure) {
        error = again ?? (failure as Error).message;
      }
    }
    recovering = false;
  };

  const giveUp = (id: number, error: string) => {
    recovering = false;
    const message = `The database stopped ${stops.length} times within ${DATABASE_RESTARTS.windowMs / 1000} s and was not ` +
      `restarted again (last error: ${error}).`;
    const action = 'Quit and reopen the app: runs that were running are requeued when it starts. If it keeps stopping, ' +
      `check free memory and disk space for ${deps.dataDir}, and keep a copy of that folder for a bug report.`;
    deps.thread.fail(new CoreError('DATABASE_UNAVAILABLE', `${message} ${action}`));
    deps.health.giveUp(id, message, action);
  };

  deps.thread.onStop((error) => {
    if (stopping) return;
    if (recovering) again = error;
    else void recover(error);
  });
  return {
    stop() {
      stopping = true;
    },
  };
}
