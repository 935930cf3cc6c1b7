import { z } from 'zod';

/** Input of the built-in `shell` tool. */
export const ShellInputSchema = z.strictObject({
  command: z.string().min(1),
  /** Where it runs: a local child process (default), or Desktop Commander's start_process. */
  via: z.enum(['local', 'desktop-commander']).optional(),
  cwd: z.string().min(1).optional(),
  /** Extra variables, set verbatim. A number or boolean (what `${params.count}` alone resolves to) is set as its
   * text. Secrets belong in a secret parameter or a server's named secrets, not in a plan. */
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.union([z.string(), z.number(), z.boolean()]).transform(String)).optional(),
  /** Names of parent-environment variables passed through beyond the base allowlist. */
  envAllow: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/)).optional(),
  /** Output beyond this many bytes is counted but not stored. */
  maxOutputBytes: z.number().int().positive().max(256 * 1024 * 1024).optional(),
});

export type ShellInput = z.infer<typeof ShellInputSchema>;
