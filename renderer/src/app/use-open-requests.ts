import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { keys } from '../data/keys.ts';
import { closeCommandBar, offerPlan } from '../features/command-bar/command-bar-store.ts';
import { client } from '../ipc/index.ts';
import { openAction } from './open-target.ts';
import { navigate } from './router.ts';

/**
 * Mounted once by the shell: the desktop app's "show this" requests (a deep link, a plan file opened from the
 * OS, a tray or notification click). The headless server never sends them.
 */
export function useOpenRequests(): void {
  const queryClient = useQueryClient();
  useEffect(() => client.on('app.open', ({ target }) => {
    const action = openAction(target);
    if ('offerPlan' in action) {
      // A plan file opened just now was stored after the list was last fetched.
      void queryClient.invalidateQueries({ queryKey: keys.plans });
      return offerPlan(action.offerPlan);
    }
    // The request is what the person asked for just now: an open command bar would hide it.
    closeCommandBar();
    navigate(action.navigate);
  }), [queryClient]);
}
