/**
 * Why a tool call did not produce a result: the handler turns `kind` into a step outcome, and `message` already
 * names the server and tool.
 * - timeout: the call's own timeout (not the step's signal)
 * - cancelled: the caller's AbortSignal fired
 * - exited: the server process ended during the call
 * - failed: the server answered with a JSON-RPC error, or the answer was unusable
 */
export type McpCallErrorKind = 'timeout' | 'cancelled' | 'exited' | 'failed';

export class McpCallError extends Error {
  readonly kind: McpCallErrorKind;
  constructor(kind: McpCallErrorKind, message: string) {
    super(message);
    this.name = 'McpCallError';
    this.kind = kind;
  }
}

/** Appends a server's last stderr lines, which usually say why it failed. */
export function withStderr(message: string, stderrTail: readonly string[]): string {
  if (stderrTail.length === 0) return `${message} (it wrote nothing on stderr)`;
  return `${message}; last stderr lines:\n${stderrTail.map((line) => `  ${line}`).join('\n')}`;
}
