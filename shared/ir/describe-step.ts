import type { Step } from './plan.ts';
import type { Verifier } from './verifier.ts';

const list = (value: number | number[] | undefined, fallback: number): string =>
  (Array.isArray(value) ? value : [value ?? fallback]).join(' or ');

/** A verifier in a few words, for a dry run and the draft view: what it will check, not how. */
export function describeVerifier(verifier: Verifier): string {
  switch (verifier.kind) {
    case 'exit_code':
      return `exit code ${list(verifier.expect, 0)}`;
    case 'http': {
      const extra = [
        verifier.bodyContains ? `body contains "${verifier.bodyContains}"` : '',
        verifier.json ? `${verifier.json.path} = ${JSON.stringify(verifier.json.equals)}` : '',
      ].filter(Boolean).join(', ');
      return `${verifier.method ?? 'GET'} ${verifier.url} → ${list(verifier.expectStatus, 200)}${extra ? `, ${extra}` : ''}`;
    }
    case 'sql':
      return `sql ${verifier.query.length > 60 ? `${verifier.query.slice(0, 57)}...` : verifier.query}`
        + (verifier.expectValue !== undefined ? ` = ${JSON.stringify(verifier.expectValue)}` : verifier.expectRows !== undefined ? ` (${verifier.expectRows} rows)` : ' (some row)');
    case 'file':
      return `${verifier.exists === false ? 'no file' : 'file'} ${verifier.path}${verifier.sha256 ? ' with sha256' : ''}${verifier.contains !== undefined ? ` containing "${verifier.contains}"` : ''}`;
    case 'output':
      return `${verifier.stream ?? 'output'} ${verifier.absent ? 'does not match' : 'matches'} /${verifier.regex}/${verifier.flags ?? ''}`;
    case 'approval':
      return 'approved by a person, for exactly what was shown';
  }
}

const MAX_GIST = 80;

/** The gist of a step's input, for a dry run and the draft view: `shell: df -h`, `http: GET https://…`. */
export function stepAction(step: Pick<Step, 'tool' | 'input'>): string {
  const { command, url, method, query } = step.input;
  const text = typeof command === 'string' ? command
    : typeof url === 'string' ? `${typeof method === 'string' ? method : 'GET'} ${url}`
      : typeof query === 'string' ? query : undefined;
  if (text === undefined) return step.tool;
  // `$${` is how the IR writes a literal `${`: show what the shell will see.
  const line = (text.split('\n').find((l) => l.trim() !== '') ?? '').trim().replaceAll('$${', '${');
  return `${step.tool}: ${line.length > MAX_GIST ? `${line.slice(0, MAX_GIST - 1)}…` : line}`;
}
