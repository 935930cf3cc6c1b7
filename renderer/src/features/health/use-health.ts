import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { keys } from '../../data/keys.ts';
import { client } from '../../ipc/index.ts';

/** The core's health: read once (a window opened after a crash still sees it), then replaced by each push. */
export function useHealth() {
  const queryClient = useQueryClient();
  useEffect(() => client.on('app.health', ({ health }) => queryClient.setQueryData(keys.health, health)), [queryClient]);
  return useQuery({ queryKey: keys.health, queryFn: () => client.call('app.health', {}) });
}
