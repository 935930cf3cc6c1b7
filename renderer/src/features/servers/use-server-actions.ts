import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { McpServerConfigInput } from '../../../../shared/domain/mcp.ts';
import { keys } from '../../data/keys.ts';
import { client } from '../../ipc/index.ts';

/** Server changes; each refetches the list (and the server's tools where they change) at once. */
export function useServerActions() {
  const queryClient = useQueryClient();
  return useMemo(() => {
    const refresh = (server?: string) => Promise.all([
      queryClient.invalidateQueries({ queryKey: keys.mcp }),
      server ? queryClient.invalidateQueries({ queryKey: keys.tools(server) }) : null,
    ]);
    const then = async <T,>(call: Promise<T>, server?: string): Promise<T> => {
      try {
        return await call;
      } finally {
        // Also after a failure: a failed test stores the server's last error.
        await refresh(server);
      }
    };
    return {
      add: (config: McpServerConfigInput) => then(client.call('mcp.add', config)),
      remove: (name: string) => then(client.call('mcp.remove', { name }), name),
      setEnabled: (name: string, enabled: boolean) => then(client.call('mcp.setEnabled', { name, enabled })),
      test: (name: string) => then(client.call('mcp.test', { name }), name),
      importConfig: (input: { path: string } | { text: string }) => then(client.call('mcp.import', input)),
      refreshTools: async (server: string) => {
        const tools = await client.call('mcp.tools', { server, refresh: true });
        queryClient.setQueryData(keys.tools(server), tools);
        return tools;
      },
    };
  }, [queryClient]);
}
