import { useId, useState } from 'react';
import type { McpServer } from '../../../../shared/domain/mcp.ts';
import { FieldError } from '../../components/FieldError.tsx';
import { errorMessage } from '../../data/errors.ts';
import { RemoveServerDialog } from './RemoveServerDialog.tsx';
import { ServerTestResult, type TestState } from './ServerTestResult.tsx';
import { useServerActions } from './use-server-actions.ts';

/** One registered server: its command line and origin, the enabled switch, its last error, test and remove. */
export function ServerCard({ server, selected, onSelect, onRemoved }: {
  server: McpServer;
  selected: boolean;
  onSelect: () => void;
  onRemoved: () => void;
}) {
  const actions = useServerActions();
  const [test, setTest] = useState<TestState>({ state: 'idle' });
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errorId = useId();

  const runTest = async () => {
    setTest({ state: 'testing' });
    try {
      setTest({ state: 'done', result: await actions.test(server.name) });
    } catch (e) {
      setTest({ state: 'failed', error: e });
    }
  };
  // The switch shows the new state at once; the list refetched after the call then agrees (or it flips back).
  const [enabling, setEnabling] = useState<boolean | null>(null);
  const setEnabled = (enabled: boolean) => {
    setError(null);
    setEnabling(enabled);
    actions.setEnabled(server.name, enabled).catch(setError).finally(() => setEnabling(null));
  };
  const enabled = enabling ?? server.enabled;

  return (
    <li className={`server-card${selected ? ' selected' : ''}`}>
      <div className="server-head">
        <button type="button" className="server-name" aria-pressed={selected} onClick={onSelect}>
          <span className="sr-only">Show tools of </span>{server.name}
        </button>
        <label className="switch">
          <input type="checkbox" aria-label={`Enabled ${server.name}`} checked={enabled}
            aria-describedby={error ? errorId : undefined} onChange={(e) => setEnabled(e.target.checked)} />
          <span className="switch-track" aria-hidden="true" />
          <span aria-hidden="true">{enabled ? 'Enabled' : 'Disabled'}</span>
        </label>
      </div>
      <code className="server-command" title={[server.command, ...server.args].join(' ')}>{[server.command, ...server.args].join(' ')}</code>
      <p className="server-meta">From {server.source}{server.cwd && <> · in <code>{server.cwd}</code></>}</p>
      {server.lastError && <p className="server-error"><span aria-hidden="true">⚠ </span>Last error: {server.lastError}</p>}
      <FieldError id={errorId} messages={error ? [errorMessage(error)] : undefined} />
      <div className="server-actions">
        <button type="button" className="btn btn-small" disabled={test.state === 'testing'}
          aria-label={`Test connection to ${server.name}`} onClick={runTest}>
          {test.state === 'testing' ? 'Testing…' : 'Test connection'}
        </button>
        <button type="button" className="btn btn-small btn-danger-quiet" aria-label={`Remove ${server.name}`} onClick={() => setConfirming(true)}>
          Remove
        </button>
      </div>
      <ServerTestResult test={test} />
      {confirming && <RemoveServerDialog name={server.name} onClose={() => setConfirming(false)} onRemoved={onRemoved} />}
    </li>
  );
}
