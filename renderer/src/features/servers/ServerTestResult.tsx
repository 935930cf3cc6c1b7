import type { MethodOutput } from '../../../../shared/ipc/contract.ts';
import { errorMessage } from '../../data/errors.ts';

export type TestState =
  | { state: 'idle' }
  | { state: 'testing' }
  | { state: 'done'; result: MethodOutput<'mcp.test'> }
  | { state: 'failed'; error: unknown };

/** What "Test connection" found: tools, the server's own name and version, how long it took, warnings; or why it failed. */
export function ServerTestResult({ test }: { test: TestState }) {
  if (test.state === 'idle') return null;
  if (test.state === 'testing') {
    return <p className="test-result" role="status"><span className="spinner" aria-hidden="true" /> Starting the server and listing its tools…</p>;
  }
  if (test.state === 'failed') {
    return <p className="test-result test-failed" role="alert"><span aria-hidden="true">✗ </span>Test failed: {errorMessage(test.error)}</p>;
  }
  const { tools, serverInfo, elapsedMs, warnings } = test.result;
  const info = serverInfo?.name ? ` · ${serverInfo.name}${serverInfo.version ? ` ${serverInfo.version}` : ''}` : '';
  return (
    <div className="test-result test-ok" role="status">
      <p>
        <span aria-hidden="true">✓ </span>Connected: {tools.length} {tools.length === 1 ? 'tool' : 'tools'}{info} · {Math.round(elapsedMs)} ms
      </p>
      {warnings.length > 0 && (
        <ul className="warnings">
          {warnings.map((w, i) => <li key={i}><span aria-hidden="true">⚠ </span>{w}</li>)}
        </ul>
      )}
    </div>
  );
}
