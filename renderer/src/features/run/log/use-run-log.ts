import { useCallback, useEffect, useMemo } from 'react';
import { client, connection } from '../../../ipc/index.ts';
import { LogStore } from './log-store.ts';

/** The contract's default page. Larger pages (up to 10,000) barely shorten a 100,000-line load, which the server's
 * reads dominate, but each one costs the page a longer task (decoding and parsing 10,000 events). */
const PAGE_SIZE = 5000;

/**
 * Loads one run's log and keeps it live. The order matters: watch first (output lines of watched runs are
 * pushed from then on), then page through what is stored; the store holds pushes back until the pages have
 * caught up and drops the ones a page already had. After a dropped connection the same again, from the last
 * line held: the pages fill in what was pushed while it was down.
 */
export function useRunLog(runId: number): { store: LogStore; reload: () => void } {
  const store = useMemo(() => new LogStore(), [runId]);
  const reload = useCallback(() => {
    void store.load((afterSeq) => client.call('runs.events', { runId, afterSeq, limit: PAGE_SIZE }), PAGE_SIZE);
  }, [store, runId]);

  useEffect(() => {
    // Status, step and proof events of every run reach every window: keep this run's.
    const offPush = client.on('run.events', ({ events }) => {
      const mine = events.filter((event) => event.runId === runId);
      if (mine.length > 0) store.receive(mine);
    });
    let active = true;
    // A failed watch still leaves the stored lines worth loading; the load reports its own failure.
    const start = () => void client.call('runs.watch', { runIds: [runId] }).catch(() => undefined).then(() => {
      if (active) reload();
    });
    let previous = connection.get();
    const offConnection = connection.subscribe((state) => {
      // Back after a drop: watch again before paging (the transport's own re-watch may come after our page).
      if (state === 'open' && (previous === 'reconnecting' || previous === 'closed')) start();
      previous = state;
    });
    start();
    return () => {
      active = false;
      offPush();
      offConnection();
      store.cancel();
      void client.call('runs.watch', { runIds: [] }).catch(() => undefined);
    };
  }, [store, runId, reload]);

  return { store, reload };
}
