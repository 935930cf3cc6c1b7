import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { createCoalescer, keysForEvents, keysForTopic } from '../data/invalidation.ts';
import { client, connection, type ConnectionState } from '../ipc/index.ts';

/** Long enough to gather a burst of step events into one refetch, short enough to feel live. */
const COALESCE_MS = 150;

/**
 * Mounted once by the shell: turns pushes into invalidations of the cached reads they touch. Nothing polls;
 * after a dropped connection every read is refetched, since pushes sent meanwhile are lost.
 */
export function useLiveUpdates(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const invalidate = createCoalescer(
      (batch) => batch.forEach((queryKey) => void queryClient.invalidateQueries({ queryKey })),
      (flush) => window.setTimeout(flush, COALESCE_MS),
    );
    const offEvents = client.on('run.events', ({ events }) => invalidate(keysForEvents(events)));
    const offChanged = client.on('changed', ({ topic }) => invalidate(keysForTopic(topic)));
    let previous: ConnectionState = connection.get();
    const offConnection = connection.subscribe((state) => {
      if (state === 'open' && (previous === 'reconnecting' || previous === 'closed')) void queryClient.invalidateQueries();
      previous = state;
    });
    return () => {
      offEvents();
      offChanged();
      offConnection();
    };
  }, [queryClient]);
}
