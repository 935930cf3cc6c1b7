import type { MethodOutput } from '../../../../shared/ipc/contract.ts';

/** An import's outcome in four short lists; secrets come with the command that stores them. */
export function ImportResult({ result }: { result: MethodOutput<'mcp.import'> }) {
  const { added, skipped, warnings, secretsNeeded } = result;
  return (
    <div className="import-result" role="status">
      <p>
        <span aria-hidden="true">✓ </span>
        {added.length ? `Added ${added.map((s) => s.name).join(', ')}.` : 'No new servers added.'}
      </p>
      {skipped.length > 0 && (
        <>
          <h3>Skipped</h3>
          <ul>{skipped.map((s) => <li key={s.name}><code>{s.name}</code>: {s.reason}</li>)}</ul>
        </>
      )}
      {warnings.length > 0 && (
        <>
          <h3>Warnings</h3>
          <ul>{warnings.map((w, i) => <li key={i}><span aria-hidden="true">⚠ </span>{w}</li>)}</ul>
        </>
      )}
      {secretsNeeded.length > 0 && (
        <>
          <h3>Secrets needed</h3>
          <ul>
            {secretsNeeded.map((s) => (
              <li key={s.name}>
                <code>{s.name}</code>{s.description && ` — ${s.description}`}. Store it with <code>opsroom mcp secret set {s.name}</code>.
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
