import { z } from 'zod';

/**
 * Verifiers: how a step proves it did what it claims. Every step carries at least one; a step succeeds only
 * when its tool call succeeded and all its verifiers passed. Strings may hold `${params.x}` / `${steps.id.…}`
 * references, resolved just before the verifier runs.
 */
const Status = z.number().int().min(100).max(599);
const ExitCode = z.number().int();

export const HttpVerifierSchema = z.strictObject({
  kind: z.literal('http'),
  url: z.string().min(1),
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().optional(),
  /** One status or a set; default 200. */
  expectStatus: z.union([Status, z.array(Status).min(1)]).optional(),
  bodyContains: z.string().optional(),
  bodyRegex: z.string().optional(),
  /** A dotted path into the JSON body (`data.items.0.state`), and the value it must equal. */
  json: z.strictObject({ path: z.string().min(1), equals: z.unknown() }).optional(),
  /** Per request; default 5,000 ms. */
  timeoutMs: z.number().int().positive().max(600_000).optional(),
  /** A latency budget: the response, body included, must arrive within this many ms (else the check fails,
   * unlike timeoutMs, which abandons the request). */
  maxLatencyMs: z.number().int().positive().max(600_000).optional(),
  /** Keep retrying a failing check until this many ms have passed since the first try; default 0 (once). */
  retryForMs: z.number().int().min(0).max(3_600_000).optional(),
  intervalMs: z.number().int().positive().max(60_000).optional(),
});

export const ExitCodeVerifierSchema = z.strictObject({
  kind: z.literal('exit_code'),
  /** One code or a set; default 0. */
  expect: z.union([ExitCode, z.array(ExitCode).min(1)]).optional(),
});

export const SqlVerifierSchema = z.strictObject({
  kind: z.literal('sql'),
  query: z.string().min(1),
  params: z.array(z.unknown()).optional(),
  /** 'local' (the app's own database, read-only) or a postgres:// URL; default 'local'. */
  database: z.string().min(1).optional(),
  /** Without either expectation the query must return at least one row. */
  expectRows: z.number().int().min(0).optional(),
  /** The first column of the first row must equal this. */
  expectValue: z.unknown().optional(),
  timeoutMs: z.number().int().positive().max(600_000).optional(),
});

export const FileVerifierSchema = z.strictObject({
  kind: z.literal('file'),
  path: z.string().min(1),
  /** Default true; false proves the file is gone. */
  exists: z.boolean().optional(),
  /** 64 hex digits, or a reference that resolves to them (`${steps.hash.stdout}`). */
  sha256: z.string().regex(/^([0-9a-fA-F]{64}|.*\$\{.+)$/, 'sha256 is 64 hex digits (or a ${…} reference)').optional(),
  contains: z.string().optional(),
});

export const OutputVerifierSchema = z.strictObject({
  kind: z.literal('output'),
  /** A JavaScript regular expression over the step's captured output. */
  regex: z.string().min(1),
  flags: z.string().regex(/^[imsu]*$/, 'flags are some of i, m, s, u').optional(),
  stream: z.enum(['stdout', 'stderr', 'any']).optional(),
  /** true: the output must NOT match (e.g. no "ERROR"). */
  absent: z.boolean().optional(),
});

/** Proves an `approval` step: the decision was approve (or a timeout the step allows), and the sha256 of the
 * document the person was shown equals the digest of what the step asked about: an approval given for other
 * evidence is void. */
export const ApprovalVerifierSchema = z.strictObject({
  kind: z.literal('approval'),
});

export const VerifierSchema = z.discriminatedUnion('kind', [
  HttpVerifierSchema, ExitCodeVerifierSchema, SqlVerifierSchema, FileVerifierSchema, OutputVerifierSchema,
  ApprovalVerifierSchema,
]);

export type HttpVerifier = z.infer<typeof HttpVerifierSchema>;
export type ExitCodeVerifier = z.infer<typeof ExitCodeVerifierSchema>;
export type SqlVerifier = z.infer<typeof SqlVerifierSchema>;
export type FileVerifier = z.infer<typeof FileVerifierSchema>;
export type OutputVerifier = z.infer<typeof OutputVerifierSchema>;
export type ApprovalVerifier = z.infer<typeof ApprovalVerifierSchema>;
export type Verifier = z.infer<typeof VerifierSchema>;
export type VerifierKind = Verifier['kind'];
