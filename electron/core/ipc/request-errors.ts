import type { IpcError } from '../../../shared/ipc/errors.ts';
import { CoreError } from '../errors.ts';

/** The response id of a message that is not a valid request: its id if that at least is usable, else null. */
export function idOf(message: unknown): number | null {
  const id = (message as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}

/** What a failing handler tells the caller: a CoreError's code and message; anything else is INTERNAL. */
export function handlerError(method: string, error: unknown): IpcError {
  if (error instanceof CoreError) return { code: error.code, message: error.message };
  // A bug or an unexpected failure: the caller sees the message, stderr keeps the stack for whoever debugs it.
  console.error(`opsroom: ${method} failed unexpectedly:`, error);
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
