import type { CoreErrorCode } from '../../shared/ipc/errors.ts';

// One list of codes: the IPC contract's, which every shell and screen branches on.
export type { CoreErrorCode };

/**
 * Errors a person can act on carry a stable code (for the CLI's exit status, the IPC contract and tests) and a
 * message that says what went wrong and what to do next.
 */
export class CoreError extends Error {
  readonly code: CoreErrorCode;
  constructor(code: CoreErrorCode, message: string) {
    super(message);
    this.name = 'CoreError';
    this.code = code;
  }
}

/** Rebuilds a CoreError that crossed a thread boundary as plain data. */
export function reviveError(data: { name?: string; message: string; code?: string }): Error {
  if (data.name === 'CoreError' && data.code) return new CoreError(data.code as CoreErrorCode, data.message);
  const error = new Error(data.message);
  if (data.name) error.name = data.name;
  return error;
}
