import { useEffect, useRef } from 'react';
import type { ArtifactInfo } from '../../../../../shared/ipc/methods/proofs.ts';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { base64Bytes } from '../common/bytes.ts';
import { previewKind } from './artifact-kind.ts';
import { useArtifact } from './use-artifact.ts';

/** More text than this would make one huge DOM node; the rest is a download away. */
const MAX_PREVIEW_CHARS = 200_000;

/** An opened artifact: text in a <pre> (as a text node), an image from a data: URL, else a pointer to Download. */
export function ArtifactPreview({ runId, artifact, onClose }: { runId: number; artifact: ArtifactInfo; onClose: () => void }) {
  const kind = previewKind(artifact.mediaType);
  const content = useArtifact(runId, artifact.sha256);
  const title = useRef<HTMLHeadingElement>(null);
  // Opening moves focus here (from the table or a proof's link), so keyboard and screen-reader users follow.
  useEffect(() => {
    title.current?.focus();
    title.current?.scrollIntoView({ block: 'nearest' });
  }, [artifact.sha256]);
  return (
    <section className="artifact-preview" aria-label={`Artifact ${artifact.name}`}>
      <div className="artifact-preview-head">
        <h3 ref={title} tabIndex={-1} className="artifact-preview-title">{artifact.name}</h3>
        <button type="button" className="btn btn-small" onClick={onClose}>Close preview</button>
      </div>
      {kind === 'none' && <p>This type ({artifact.mediaType}) cannot be shown here: use Download.</p>}
      {kind !== 'none' && content.isPending && <LoadingState label={`Loading ${artifact.name}`} rows={2} />}
      {kind !== 'none' && content.isError && (
        <ErrorState title={`Could not load ${artifact.name}`} error={content.error} onRetry={() => void content.refetch()} />
      )}
      {kind === 'image' && content.data && (
        <img className="artifact-image" alt={artifact.name} src={`data:${artifact.mediaType};base64,${content.data.contentBase64}`} />
      )}
      {kind === 'text' && content.data && <TextContent base64={content.data.contentBase64} />}
    </section>
  );
}

function TextContent({ base64 }: { base64: string }) {
  const text = new TextDecoder().decode(base64Bytes(base64));
  const cut = text.length > MAX_PREVIEW_CHARS;
  return (
    <>
      {cut && <p className="artifact-cut">Showing the first {MAX_PREVIEW_CHARS} of {text.length} characters; download it for the rest.</p>}
      <pre className="artifact-text" tabIndex={0}>{cut ? text.slice(0, MAX_PREVIEW_CHARS) : text}</pre>
    </>
  );
}
