import { useQuery } from '@tanstack/react-query';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { keys } from '../../../data/keys.ts';
import { client } from '../../../ipc/index.ts';
import { ArtifactPreview } from './ArtifactPreview.tsx';
import { ArtifactRow } from './ArtifactRow.tsx';
import { useArtifactDownload } from './use-artifact.ts';
import './artifacts.css';

/** The run's stored artifacts; one at a time opens in a preview under the table. */
export function ArtifactsPanel({ runId, opened, onOpen }: { runId: number; opened: string | null; onOpen: (sha256: string | null) => void }) {
  // keys.artifacts(runId) is refreshed by the shell's live updates on every status and step event.
  const list = useQuery({ queryKey: keys.artifacts(runId), queryFn: () => client.call('artifacts.list', { runId }) });
  const download = useArtifactDownload(runId);
  const openedArtifact = list.data?.find((artifact) => artifact.sha256 === opened) ?? null;
  return (
    <section className="rv-artifacts" aria-labelledby="run-artifacts-heading">
      <h2 id="run-artifacts-heading" className="rv-section-title">Artifacts</h2>
      {list.isPending && <LoadingState label="Loading artifacts" />}
      {list.isError && !list.data && <ErrorState title="Could not load the artifacts" error={list.error} onRetry={() => void list.refetch()} />}
      {list.data?.length === 0 && (
        <EmptyState title="No artifacts for this run">Steps store artifacts when their output or evidence is too large to keep inline.</EmptyState>
      )}
      {list.data && list.data.length > 0 && (
        <table className="artifact-table">
          <thead>
            <tr><th scope="col">Name</th><th scope="col">Step</th><th scope="col">Size</th><th scope="col">Type</th><th scope="col">sha256</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
          </thead>
          <tbody>
            {list.data.map((artifact) => (
              <ArtifactRow key={artifact.sha256} artifact={artifact} onOpen={() => onOpen(artifact.sha256)} onDownload={download} />
            ))}
          </tbody>
        </table>
      )}
      {openedArtifact && <ArtifactPreview runId={runId} artifact={openedArtifact} onClose={() => onOpen(null)} />}
    </section>
  );
}
