/**
 * The Electron IPC channel names: one for calls, one for pushes. Their own file, so the sandboxed preload
 * (bundled whole) can import them without the contract's schemas and zod (~200 KB).
 */
export const IPC_CALL_CHANNEL = 'opsroom:call';
export const IPC_PUSH_CHANNEL = 'opsroom:push';
