import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Run } from '../../../../../shared/domain/run.ts';
import { Icon } from '../../../components/Icon.tsx';
import { errorMessage } from '../../../data/errors.ts';
import { keys } from '../../../data/keys.ts';
import { client } from '../../../ipc/index.ts';
import { EditParamsDialog } from './EditParamsDialog.tsx';
import { rerunChoices } from './rerun-choices.ts';
import { useRerun } from './use-rerun.ts';
import './reruns.css';

/**
 * A finished run's ways on: Resume from the failed step (the primary one after a failure), Rerun, Re-prove
 * (is it still true?), Edit parameters and rerun. Each queues a new run linked to this one and opens it.
 */
export function RerunButtons({ run }: { run: Run }) {
  // The Run view loaded this already: the same key reads it from the cache.
  const detail = useQuery({ queryKey: keys.run(run.id), queryFn: () => client.call('runs.get', { id: run.id }) });
  const rerun = useRerun();
  const [editing, setEditing] = useState(false);
  const choices = rerunChoices(run, detail.data?.steps ?? []);
  const hasParams = Object.keys(detail.data?.plan.params ?? {}).length > 0;
  const busy = rerun.isPending;
  const primary = (main: boolean) => `btn${main ? ' btn-primary' : ''}`;
  return (
    <>
      {choices.resume && (
        <button type="button" className={primary(true)} disabled={busy}
          title="A new run: steps that succeeded are re-checked and reused, the rest runs"
          onClick={() => rerun.mutate({ id: run.id, request: { kind: 'resume' } })}>
          <Icon name="play" /> Resume from failed step
        </button>
      )}
      <button type="button" className={primary(!choices.resume)} disabled={busy} title="A new run of the whole plan, same parameters"
        onClick={() => rerun.mutate({ id: run.id, request: { kind: 'rerun' } })}>
        <Icon name="retry" /> Rerun
      </button>
      {choices.reprove && (
        <button type="button" className="btn" disabled={busy}
          title="Is it still true? The verifiers again, against live state, with no action"
          onClick={() => rerun.mutate({ id: run.id, request: { kind: 'reprove' } })}>
          Re-prove
        </button>
      )}
      {hasParams && detail.data && (
        <button type="button" className="btn" disabled={busy} onClick={() => setEditing(true)}>
          <Icon name="pencil" /> Edit parameters and rerun…
        </button>
      )}
      {editing && detail.data && <EditParamsDialog detail={detail.data} onClose={() => setEditing(false)} />}
      {rerun.error && <p className="rv-action-error" role="alert">{errorMessage(rerun.error)}</p>}
    </>
  );
}
