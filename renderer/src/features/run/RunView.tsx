// First, so the panels' own stylesheets (imported below it) come later in the bundle and refine it.
import './run.css';
import { useQuery } from '@tanstack/react-query';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { keys } from '../../data/keys.ts';
import { client, IpcCallError } from '../../ipc/index.ts';
import { RunNotFound } from './RunNotFound.tsx';
import { RunPage } from './RunPage.tsx';

/**
 * The Run view at #/runs/:id. keys.run(id) is refreshed by the shell's live updates on every status and step
 * event of the run, so the header and the step timeline follow the run without polling.
 */
export function RunView({ runId }: { runId: number }) {
  const detail = useQuery({ queryKey: keys.run(runId), queryFn: () => client.call('runs.get', { id: runId }) });
  // A failed refetch (a dropped connection) keeps showing what was loaded; the shell's banner says why.
  if (detail.data) return <RunPage detail={detail.data} />;
  if (detail.error instanceof IpcCallError && detail.error.code === 'UNKNOWN_RUN') return <RunNotFound runId={runId} />;
  if (detail.isError) {
    return <ErrorState title={`Could not load run #${runId}`} error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  return <LoadingState label={`Loading run #${runId}`} rows={4} />;
}
