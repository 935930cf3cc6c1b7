/**
 * The "Add server" form's text fields as mcp.add wants them. Arguments: one per line when the text has line
 * breaks (so an argument may hold spaces), else split on spaces with "double" or 'single' quotes grouping.
 * Environment: KEY=VALUE lines; blank lines and # comments are skipped.
 */

export function parseArgs(text: string): string[] {
  if (text.includes('\n')) return text.split('\n').map((line) => line.trim()).filter(Boolean);
  const args: string[] = [];
  const token = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const match of text.matchAll(token)) args.push(match[1] ?? match[2] ?? match[3] ?? '');
  return args;
}

/** KEY=VALUE lines (blank lines and # comments skipped); `key` names the left side in the errors. */
export function parseEnv(text: string, key = 'KEY'): { env: Record<string, string>; errors: string[] } {
  const env: Record<string, string> = {};
  const errors: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    if (eq <= 0) errors.push(`line ${index + 1}: write ${key}=VALUE`);
    else env[line.slice(0, eq).trim()] = line.slice(eq + 1);
  });
  return { env, errors };
}

/**
 * A call's INVALID_INPUT issues grouped by the form field they are about: the first segment of each issue's
 * path ("env.9X" → env, "args.0" → args); issues without a path go under "".
 */
export function issuesByField(issues: readonly { path: string; message: string }[] | undefined): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const issue of issues ?? []) {
    const field = issue.path.split(/[.[]/, 1)[0] ?? '';
    (grouped[field] ??= []).push(issue.message);
  }
  return grouped;
}
