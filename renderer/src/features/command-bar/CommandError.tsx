import { errorIssues, errorMessage } from '../../data/errors.ts';

/** Why the run was not queued, in the core's words, with each input problem it named. */
export function CommandError({ error }: { error: unknown }) {
  if (!error) return null;
  const message = errorMessage(error);
  // The core's message usually lists its issues already; list only what it left out.
  const issues = (errorIssues(error) ?? []).filter((issue) => !message.includes(issue.message));
  return (
    <div className="command-error" role="alert">
      <p><span aria-hidden="true">⚠ </span>{message}</p>
      {issues.length > 0 && (
        <ul>
          {issues.map((issue, i) => <li key={i}>{issue.path ? <code>{issue.path}</code> : null} {issue.message}</li>)}
        </ul>
      )}
    </div>
  );
}
