import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { keys } from '../../data/keys.ts';
import { client } from '../../ipc/index.ts';

/** Card and lane actions. Each refetches what it changed at once; the push that follows confirms it. */
export function useBoardActions() {
  const queryClient = useQueryClient();
  return useMemo(() => {
    const refresh = (...queryKeys: (readonly unknown[])[]) =>
      Promise.all(queryKeys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    return {
      cancel: async (id: number) => {
        await client.call('runs.cancel', { id });
        await refresh(keys.runsAll, keys.run(id));
      },
      retry: async (id: number) => {
        const run = await client.call('runs.retry', { id });
        await refresh(keys.runsAll, keys.sessionsAll, keys.lanes);
        return run;
      },
      setPaused: async (name: string, paused: boolean) => {
        await client.call(paused ? 'lanes.pause' : 'lanes.resume', { name });
        await refresh(keys.lanes);
      },
    };
  }, [queryClient]);
}
