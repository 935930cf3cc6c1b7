import { useState } from 'react';
import type { MethodOutput } from '../../../../shared/ipc/contract.ts';
import { FormField } from '../../components/FormField.tsx';
import { errorMessage } from '../../data/errors.ts';
import { ImportResult } from './ImportResult.tsx';
import { useServerActions } from './use-server-actions.ts';

/**
 * Bring in the servers of a Claude Desktop or VS Code MCP config: pasted JSON, or the path of the file on this
 * machine. Existing servers are never replaced; the result says what was added, skipped and still needs a secret.
 */
export function ImportConfigForm({ onCancel }: { onCancel: () => void }) {
  const actions = useServerActions();
  const [text, setText] = useState('');
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<MethodOutput<'mcp.import'> | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const hasText = text.trim() !== '';
    const hasPath = path.trim() !== '';
    if (hasText === hasPath) {
      setError(hasText ? 'Paste a config or give a file path, not both.' : 'Paste a config, or give the path of a config file.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setResult(await actions.importConfig(hasText ? { text } : { path: path.trim() }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel server-form" aria-label="Import config" onSubmit={submit} noValidate>
      <h2 className="panel-title">Import an MCP config</h2>
      <div className="form-grid">
        <FormField label="Config JSON" value={text} onChange={setText} multiline mono autoFocus
          hint="The whole claude_desktop_config.json or .vscode/mcp.json, comments allowed." />
        <FormField label="Config file path" value={path} onChange={setPath} mono
          hint="Or the absolute path of such a file on this machine." />
      </div>
      {error && <p className="field-error" role="alert"><span aria-hidden="true">⚠ </span>{error}</p>}
      {result && <ImportResult result={result} />}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Importing…' : 'Import'}</button>
        <button type="button" className="btn btn-quiet" onClick={onCancel}>{result ? 'Close' : 'Cancel'}</button>
      </div>
    </form>
  );
}
