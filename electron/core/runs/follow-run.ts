import { TERMINAL_STATUSES, type Run, type RunEvent } from '../../../shared/domain/run.ts';
import type { EventListener } from '../events/event-bus.ts';
import type { Store } from '../queue/store.ts';

export interface FollowDeps {
  store: Pick<Store, 'listEvents' | 'getRun'>;
  subscribe(listener: EventListener): () => void;
}

const PAGE = 5000;
const REREAD_WINDOW = 2000;

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
  // On PostgreSQL a seq is taken at insert but seen at commit, so a lower seq can appear after a higher one
  // was read (a worker's batch committing just after someone's cancel): each poll re-reads a window below
  // the cursor, and `seen` drops what was delivered already.
  const catchUp = async () => {
    let from = Math.max(0, cursor - REREAD_WINDOW);
    for (;;) {
      const page = await deps.store.listEvents(runId, from, PAGE);
      page.forEach(deliver);
      from = page.at(-1)?.seq ?? from;
      cursor = Math.max(cursor, from);
      if (page.length < PAGE) return;
    }
  };

  // One listener for the whole follow (one per poll would pile up: 7,200 an hour).
  const onAbort = () => wake?.();
  options.signal?.addEventListener('abort', onAbort);

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
        });
        wake = null;
      }
    } finally {
      unsubscribe();
      options.signal?.removeEventListener('abort', onAbort);
    }
  })();
}
