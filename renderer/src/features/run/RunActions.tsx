import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Run } from '../../../../shared/domain/run.ts';
import type { RunDetail } from '../../../../shared/ipc/methods/runs.ts';
import { runHash } from '../../app/route.ts';
import { navigate } from '../../app/router.ts';
import { Icon } from '../../components/Icon.tsx';
import { errorMessage } from '../../data/errors.ts';
import { keys } from '../../data/keys.ts';
import { isActive } from '../../data/status.ts';
import { client } from '../../ipc/index.ts';

/** "Cancel run" while it is queued or running, "Retry run" once it has finished (a new run, opened at once). */
export function RunActions({ run }: { run: Run }) {
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => client.call('runs.cancel', { id: run.id }),
    onSuccess: (updated) => {
      queryClient.setQueryData<RunDetail>(keys.run(run.id), (old) => old && { ...old, run: updated });
      void queryClient.invalidateQueries({ queryKey: keys.runsAll });
    },
  });
  const retry = useMutation({
    mutationFn: () => client.call('runs.retry', { id: run.id }),
    onSuccess: (next) => {
      void queryClient.invalidateQueries({ queryKey: keys.runsAll });
      navigate(runHash(next.id));
    },
  });
  const failure = cancel.error ?? retry.error;
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
      ) : (
        <button type="button" className="btn btn-primary" disabled={retry.isPending} onClick={() => retry.mutate()}>
          <Icon name="retry" /> Retry run
        </button>
      )}
      {failure && <p className="rv-action-error" role="alert">{errorMessage(failure)}</p>}
    </div>
  );
}
