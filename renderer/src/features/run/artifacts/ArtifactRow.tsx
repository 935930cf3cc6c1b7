import { useState } from 'react';
import type { ArtifactInfo } from '../../../../../shared/ipc/methods/proofs.ts';
import { errorMessage } from '../../../data/errors.ts';
import { formatBytes } from '../common/bytes.ts';
import { CopyButton } from '../common/CopyButton.tsx';

/** One artifact with Open and Download; the buttons' names say which artifact they act on. */
export function ArtifactRow({ artifact, onOpen, onDownload }: {
  artifact: ArtifactInfo;
  onOpen: () => void;
  onDownload: (artifact: ArtifactInfo) => Promise<void>;
}) {
  const [failure, setFailure] = useState<string | null>(null);
  const download = () => {
    setFailure(null);
    onDownload(artifact).catch((error: unknown) => setFailure(errorMessage(error)));
  };
  return (
    <tr>
      <td className="artifact-name">{artifact.name}</td>
      <td>{artifact.stepId ?? '—'}</td>
      <td>{formatBytes(artifact.size)}</td>
      <td><code>{artifact.mediaType}</code></td>
      <td>
        <code className="sha" title={artifact.sha256}>{artifact.sha256.slice(0, 12)}…</code>
        <CopyButton value={artifact.sha256} label={`Copy sha256 of ${artifact.name}`} />
      </td>
      <td className="artifact-actions">
        <button type="button" className="btn btn-small" aria-label={`Open ${artifact.name}`} onClick={onOpen}>Open</button>
        <button type="button" className="btn btn-small" aria-label={`Download ${artifact.name}`} onClick={download}>Download</button>
        {failure && <span role="alert" className="rv-action-error">{failure}</span>}
      </td>
    </tr>
  );
}
