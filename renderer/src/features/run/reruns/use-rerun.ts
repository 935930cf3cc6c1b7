import { useMutation, useQueryClient } from '@tanstack/react-query';
import { RERUN_KIND_LABELS } from '../../../../../shared/domain/rerun.ts';
import type { Run } from '../../../../../shared/domain/run.ts';
import type { MethodInput } from '../../../../../shared/ipc/contract.ts';
import { runHash } from '../../../app/route.ts';
import { navigate } from '../../../app/router.ts';
import { showToast } from '../../../app/toasts.ts';
import { keys } from '../../../data/keys.ts';
import { client } from '../../../ipc/index.ts';

export type RerunRequest = Omit<MethodInput<'runs.rerun'>, 'id'> | { kind: 'reprove' };

/** Under keys.runsAll: every status event (of any run, its reruns included) refreshes a run's history. */
export const rerunsKey = (runId: number) => ['runs', 'reruns', runId] as const;

/**
 * Queues a rerun (or a re-prove) of a finished run and opens the new run: that is where it goes on. One
 * mutation for every button, so only one rerun is asked for at a time.
 */
export function useRerun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, request }: { id: number; request: RerunRequest }): Promise<Run> => (request.kind === 'reprove'
      ? client.call('runs.reprove', { id })
      : client.call('runs.rerun', { id, ...request })),
    onSuccess: (next, { id }) => {
      void queryClient.invalidateQueries({ queryKey: keys.runsAll });
      showToast({ message: `Run #${next.id} queued: ${RERUN_KIND_LABELS[next.rerunKind ?? 'rerun']} of #${id}`, link: { href: runHash(next.id), label: 'Open' } });
      navigate(runHash(next.id));
    },
  });
}
