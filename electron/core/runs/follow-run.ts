import { TERMINAL_STATUSES, type Run, type RunEvent } from '../../../shared/domain/run.ts';
import type { EventListener } from '../events/event-bus.ts';
import type { Store } from '../queue/store.ts';

export interface FollowDeps {
  store: Pick<Store, 'listEvents' | 'getRun'>;
  subscribe(listener: EventListener): () => void;
}

const PAGE = 5000;

/**
 * Delivers every event of a run exactly once, in order of storage as far as the bus allows: first what is stored, then live events from the bus
 * as they are published. A poll (every `pollMs`) also reads the database, which is how events written by
 * workers in other processes (a shared PostgreSQL) arrive. Resolves with the run once it has ended and its
 * last events were delivered.
 */
export function followRun(deps: FollowDeps, runId: number, onEvent: (event: RunEvent) => void,
  options: { pollMs?: number; signal?: AbortSignal } = {}): Promise<Run> {
  const pollMs = options.pollMs ?? 500;
  // Two producers (the host and a worker) publish on the bus, so it may show seq 20 before 19: deliver what
  // arrives, remember it, and let the poll fill any gap from the database.
  const seen = new Set<number>();
  let cursor = 0; // highest seq read from the database
  let ready = false; // bus events wait until the stored history is out, so nothing arrives out of order
  const early: RunEvent[] = [];
  let wake: (() => void) | null = null;

  const deliver = (event: RunEvent) => {
    if (seen.has(event.seq)) return;
    seen.add(event.seq);
    onEvent(event);
  };
  const unsubscribe = deps.subscribe((events) => {
    const mine = events.filter((e) => e.runId === runId);
    if (mine.length === 0) return;
    if (!ready) early.push(...mine);
    else mine.forEach(deliver);
    if (mine.some((e) => e.kind === 'status' && TERMINAL_STATUSES.includes(e.payload?.status as Run['status']))) wake?.();
  });
  const catchUp = async () => {
    for (;;) {
      const page = await deps.store.listEvents(runId, cursor, PAGE);
      page.forEach(deliver);
      cursor = page.at(-1)?.seq ?? cursor;
      if (page.length < PAGE) return;
    }
  };

  return (async () => {
    try {
      await catchUp();
      ready = true;
      early.sort((a, b) => a.seq - b.seq).forEach(deliver);
      for (;;) {
        const { run } = await deps.store.getRun(runId);
        await catchUp();
        if (TERMINAL_STATUSES.includes(run.status) || options.signal?.aborted) return run;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
          options.signal?.addEventListener('abort', wake, { once: true });
        });
        wake = null;
      }
    } finally {
      unsubscribe();
    }
  })();
}
