import { IpcCallError } from '../ipc/index.ts';

/** A failed call as one sentence for the screen: the core's messages are written to be shown as they are. */
export function errorMessage(error: unknown): string {
  if (error instanceof IpcCallError && error.code === 'DISCONNECTED') {
    return 'Not connected to Ops Control Room. It will retry when the connection is back.';
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

export const errorIssues = (error: unknown) => (error instanceof IpcCallError ? error.issues : undefined);
