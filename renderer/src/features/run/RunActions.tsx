import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Run } from '../../../../shared/domain/run.ts';
import type { RunDetail } from '../../../../shared/ipc/methods/runs.ts';
import { Icon } from '../../components/Icon.tsx';
import { errorMessage } from '../../data/errors.ts';
import { keys } from '../../data/keys.ts';
import { isActive } from '../../data/status.ts';
import { client } from '../../ipc/index.ts';
import { RerunButtons } from './reruns/RerunButtons.tsx';

/** "Cancel run" while it is queued or running; once it has finished, the ways to rerun it (each a new run, opened at once). */
export function RunActions({ run }: { run: Run }) {
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => client.call('runs.cancel', { id: run.id }),
    onSuccess: (updated) => {
      queryClient.setQueryData<RunDetail>(keys.run(run.id), (old) => old && { ...old, run: updated });
      void queryClient.invalidateQueries({ queryKey: keys.runsAll });
    },
  });
  const failure = cancel.error;
  return (
    <div className="rv-actions">
      {isActive(run.status) ? (
        <button
          type="button"
          className="btn"
          disabled={cancel.isPending || run.cancelRequestedAt !== null}
          title={run.cancelRequestedAt ? 'Cancel requested: the run stops at its next safe point' : undefined}
          onClick={() => cancel.mutate()}
        >
          <Icon name="stop" /> Cancel run
        </button>
      ) : <RerunButtons run={run} />}
      {failure && <p className="rv-action-error" role="alert">{errorMessage(failure)}</p>}
    </div>
  );
}
