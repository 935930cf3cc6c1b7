import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { keys } from '../../data/keys.ts';
import { client } from '../../ipc/index.ts';

/** Session changes; each refetches the list at once rather than waiting for the `changed` push. */
export function useSessionActions() {
  const queryClient = useQueryClient();
  return useMemo(() => {
    const refresh = () => queryClient.invalidateQueries({ queryKey: keys.sessionsAll });
    const then = async <T,>(call: Promise<T>): Promise<T> => {
      const result = await call;
      await refresh();
      return result;
    };
    return {
      create: (title: string) => then(client.call('sessions.create', { title })),
      rename: (id: number, title: string) => then(client.call('sessions.rename', { id, title })),
      archive: (id: number) => then(client.call('sessions.archive', { id })),
      restore: (id: number) => then(client.call('sessions.restore', { id })),
    };
  }, [queryClient]);
}
