import { z } from 'zod';
import { AbsolutePathSchema } from '../ir/sandbox.ts';
import { SERVER_NAME } from '../ir/tool-ref.ts';

const EnvName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name');

/**
 * How the core enforces a server's limits (beyond what the server itself promises).
 * `env` values may be literal, `${env:NAME}` (copied from the app's environment: naming it is the allowlist)
 * or `${secret:NAME}` (from the app's secret store); nothing else of the parent environment reaches a server.
 */
export const ServerSandboxSchema = z.strictObject({
  /** Bare tool names this server may be asked to run; absent: all. */
  tools: z.array(z.string().min(1)).optional(),
  /** Absolute directories its file tools may touch (Desktop Commander also gets them as allowedDirectories). */
  directories: z.array(AbsolutePathSchema).optional(),
  /** Per-call timeout; default 60,000 ms. Progress restarts it, up to ten times this in all. */
  callTimeoutMs: z.number().int().positive().max(24 * 3600 * 1000).optional(),
  /** Text of one call's result kept; more is cut with a marker. Default 1 MiB. */
  maxOutputBytes: z.number().int().positive().max(256 * 1024 * 1024).optional(),
});

export const McpServerConfigSchema = z.strictObject({
  name: z.string().regex(SERVER_NAME, 'a server name is 1-64 letters, digits, "_", "." or "-"'),
  command: z.string().min(1),
  args: z.array(z.string()).default([]),
  env: z.record(EnvName, z.string()).default({}),
  cwd: z.string().min(1).nullable().default(null),
  enabled: z.boolean().default(true),
  sandbox: ServerSandboxSchema.default({}),
});

export const McpServerSchema = McpServerConfigSchema.extend({
  id: z.number().int(),
  /** Where it came from: 'builtin', 'user', or the config file it was imported from. */
  source: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.date(),
});

export const McpToolSchema = z.object({
  server: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  inputSchema: z.record(z.string(), z.unknown()),
  annotations: z.record(z.string(), z.unknown()).nullable(),
  discoveredAt: z.date(),
});

export type ServerSandbox = z.infer<typeof ServerSandboxSchema>;
export type McpServerConfig = z.infer<typeof McpServerConfigSchema>;
export type McpServerConfigInput = z.input<typeof McpServerConfigSchema>;
export type McpServer = z.infer<typeof McpServerSchema>;
export type McpTool = z.infer<typeof McpToolSchema>;
