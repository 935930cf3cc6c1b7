import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../../data/errors.ts';
import { client } from '../../../ipc/index.ts';
import { downloadText } from '../common/download.ts';
import { useNotice } from '../common/use-notice.ts';

/** Saves the run's proof bundle as run-<id>-proofs.json, the file `opsroom proofs verify` re-checks. */
export function BundleExport({ runId }: { runId: number }) {
  const [includeArtifacts, setIncludeArtifacts] = useState(false);
  const [notice, show] = useNotice();
  const fileName = `run-${runId}-proofs.json`;
  const bundle = useMutation({
    mutationFn: () => client.call('proofs.bundle', { runId, includeArtifacts }),
    onSuccess: (result) => {
      // Pretty-printed: the digest is over canonical JSON, so whitespace does not change what is verified.
      downloadText(JSON.stringify(result, null, 2), fileName, 'application/json');
      show(`Saved ${fileName}`);
    },
  });
  return (
    <div className="bundle-export">
      <button type="button" className="btn" disabled={bundle.isPending} onClick={() => bundle.mutate()}>Export proof bundle</button>
      <label className="checkbox-label">
        <input type="checkbox" checked={includeArtifacts} onChange={(event) => setIncludeArtifacts(event.target.checked)} />
        <span>Include artifacts</span>
      </label>
      <span className="rv-notice" role="status">{notice}</span>
      {bundle.error && <p className="rv-action-error" role="alert">{errorMessage(bundle.error)}</p>}
      <p className="bundle-hint">
        Anyone can re-check the file without the app: <code>opsroom proofs verify {fileName}</code>
      </p>
    </div>
  );
}
