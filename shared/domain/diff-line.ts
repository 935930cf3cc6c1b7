/** What kind of line of a unified diff this is, for its colour as `git diff` shows it (the CLI and the run view alike). */
export function diffLineKind(line: string): 'add' | 'remove' | 'meta' | 'context' {
  if (line.startsWith('+++') || line.startsWith('---') || line.startsWith('@@')) return 'meta';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'remove';
  return 'context';
}
