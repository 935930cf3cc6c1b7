import { useMutation, useQueryClient } from '@tanstack/react-query';
import { showToast } from '../../app/toasts.ts';
import { errorMessage } from '../../data/errors.ts';
import { keys } from '../../data/keys.ts';
import { client } from '../../ipc/index.ts';

/** Pins or unpins a plan, then refetches the plan list (pinned ones come first). */
export function usePinPlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ planId, pinned }: { planId: number; pinned: boolean }) => client.call('plans.setPinned', { planId, pinned }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.plans }),
    onError: (error) => showToast({ message: `The pin did not change: ${errorMessage(error)}` }),
  });
}
