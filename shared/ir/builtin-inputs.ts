import { z } from 'zod';
import { ApprovalInputSchema } from './operations.ts';
import { ShellInputSchema } from './shell-input.ts';

/** Input of the built-in `http` tool: one request; the response body streams as output lines. */
export const HttpInputSchema = z.strictObject({
  url: z.string().regex(/^https?:\/\//, 'an http:// or https:// URL'),
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().optional(),
  timeoutMs: z.number().int().positive().max(3_600_000).optional(),
});

/** Input of the built-in `sql` tool: one statement, on the app's own database (read-only) or a PostgreSQL URL. */
export const SqlInputSchema = z.strictObject({
  query: z.string().min(1),
  params: z.array(z.unknown()).optional(),
  database: z.string().min(1).optional(),
  timeoutMs: z.number().int().positive().max(3_600_000).optional(),
});

export type HttpInput = z.infer<typeof HttpInputSchema>;
export type SqlInput = z.infer<typeof SqlInputSchema>;

/** Every built-in tool's input schema, by tool name: what a plan is checked against before it is queued. */
export const BUILTIN_INPUT_SCHEMAS = {
  shell: ShellInputSchema,
  http: HttpInputSchema,
  sql: SqlInputSchema,
  approval: ApprovalInputSchema,
} as const satisfies Record<string, z.ZodType>;
