import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ArtifactInfo } from '../../../../../shared/ipc/methods/proofs.ts';
import { keys } from '../../../data/keys.ts';
import { client } from '../../../ipc/index.ts';
import { base64Bytes } from '../common/bytes.ts';
import { downloadBlob } from '../common/download.ts';

const fetchArtifact = (runId: number, sha256: string) => client.call('artifacts.get', { runId, sha256 });

/** One artifact's content, cached by hash (content-addressed: it never changes). */
export function useArtifact(runId: number, sha256: string) {
  return useQuery({ queryKey: keys.artifact(runId, sha256), queryFn: () => fetchArtifact(runId, sha256) });
}

/** Fetches (or reuses) an artifact's content and saves it under its name. */
export function useArtifactDownload(runId: number) {
  const queryClient = useQueryClient();
  return async (artifact: ArtifactInfo) => {
    const full = await queryClient.fetchQuery({
      queryKey: keys.artifact(runId, artifact.sha256),
      queryFn: () => fetchArtifact(runId, artifact.sha256),
    });
    downloadBlob(new Blob([base64Bytes(full.contentBase64)], { type: full.mediaType }), fileName(artifact.name));
  };
}

/** The last path segment: a name like "reports/out.txt" saves as out.txt. */
const fileName = (name: string) => name.split(/[\\/]/).pop() || 'artifact';
