import { z } from 'zod';

/** POSIX `/…`, Windows `C:\…` or `\\server\share`: a sandbox boundary never depends on some process's cwd. */
export const AbsolutePathSchema = z.string().regex(/^(\/|[A-Za-z]:[\\/]|\\\\)/, 'an absolute path');

/**
 * What a plan (or a server) may touch. Enforced by the core before and during every call, not left to the
 * server. Both levels apply: a call must pass the server's sandbox and the plan's.
 */
export const SandboxSchema = z.strictObject({
  /** Tool allowlist: exact refs ("desktop-commander/read_file") or a server's every tool ("desktop-commander/*").
   * Absent: every tool. For a server's own sandbox, bare tool names. */
  tools: z.array(z.string().min(1)).optional(),
  /** Absolute directories file tools may touch; paths are resolved (`..`, symlinks) before the check. */
  directories: z.array(AbsolutePathSchema).optional(),
});

export type Sandbox = z.infer<typeof SandboxSchema>;
