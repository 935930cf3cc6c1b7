import { QueryClient } from '@tanstack/react-query';
import { IpcCallError } from '../ipc/index.ts';

/** A refused call (bad input, unknown run) gives the same answer when asked again: retrying only delays the message. */
const RETRYABLE = new Set(['DISCONNECTED', 'DATABASE_UNAVAILABLE', 'INTERNAL']);

/**
 * Live data arrives as pushes (live-updates.ts invalidates what they touch), so reads never poll and stay
 * fresh until a push or a reconnect says otherwise; focusing the window does not refetch either.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: Infinity,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        retry: (failures, error) => failures < 2 && (!(error instanceof IpcCallError) || RETRYABLE.has(error.code)),
      },
      mutations: { retry: false },
    },
  });
}
