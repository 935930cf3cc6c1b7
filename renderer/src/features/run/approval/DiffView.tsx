import { diffLineKind } from '../../../../../shared/domain/diff-line.ts';

/** A diff (or any text an approval shows), verbatim in monospace, additions and removals coloured. */
export function DiffView({ text }: { text: string }) {
  return (
    <pre className="approval-diff" aria-label="Diff" tabIndex={0}>
      {text.split('\n').map((line, index) => (
        <span key={index} className={`diff-line diff-${diffLineKind(line)}`}>{line}{'\n'}</span>
      ))}
    </pre>
  );
}
