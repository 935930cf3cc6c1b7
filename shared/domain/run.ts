import { z } from 'zod';

export const RunStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export type RunStatus = z.infer<typeof RunStatusSchema>;
export const TERMINAL_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled'];

export const StepStatusSchema = z.enum(['pending', 'running', 'succeeded', 'failed', 'cancelled', 'skipped']);
export type StepStatus = z.infer<typeof StepStatusSchema>;

/** How a run repeats its parent (issue 8): null for a run queued afresh. */
export const RerunKindSchema = z.enum(['rerun', 'resume', 'from-step', 'edit', 'reprove']);
export type RerunKind = z.infer<typeof RerunKindSchema>;

/** How a step came to its status: it ran, or was settled without its action (see migration 0007). */
export const SettledBySchema = z.enum(['run', 'reuse', 'precheck', 'condition', 'disabled']);
export type SettledBy = z.infer<typeof SettledBySchema>;

export const LaneNameSchema = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'a lane name is 1-32 letters, digits, "_" or "-"');

export const RunSchema = z.object({
  id: z.number().int(),
  sessionId: z.number().int().nullable(),
  planId: z.number().int(),
  title: z.string(),
  lane: z.string(),
  status: RunStatusSchema,
  priority: z.number().int(),
  attempt: z.number().int(),
  claimCount: z.number().int(),
  maxAttempts: z.number().int(),
  runAfter: z.date(),
  claimedBy: z.string().nullable(),
  heartbeatAt: z.date().nullable(),
  cancelRequestedAt: z.date().nullable(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  createdAt: z.date(),
  error: z.string().nullable(),
  input: z.record(z.string(), z.unknown()),
  result: z.unknown().nullable(),
  idempotencyKey: z.string().nullable(),
  /** The run this one repeats, and how (rerun, resume, from-step, edit, reprove). */
  parentRunId: z.number().int().nullable(),
  rerunKind: RerunKindSchema.nullable(),
});
export type Run = z.infer<typeof RunSchema>;

export const RunStepSchema = z.object({
  runId: z.number().int(),
  idx: z.number().int(),
  stepId: z.string(),
  tool: z.string(),
  status: StepStatusSchema,
  attempt: z.number().int(),
  exitCode: z.number().int().nullable(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  error: z.string().nullable(),
  settledBy: SettledBySchema,
  /** With settledBy 'reuse': the run whose recorded outcome (and proofs, re-checked) stands for this step. */
  reusedFrom: z.number().int().nullable(),
});
export type RunStep = z.infer<typeof RunStepSchema>;

export const EventKindSchema = z.enum(['status', 'step', 'output', 'log', 'proof']);
export const EventLevelSchema = z.enum(['debug', 'info', 'warn', 'error']);

/** An event as a producer hands it in; `seq` and `ts` are given by the database. */
export const NewRunEventSchema = z.object({
  runId: z.number().int(),
  attempt: z.number().int(),
  stepId: z.string().nullable(),
  kind: EventKindSchema,
  level: EventLevelSchema,
  message: z.string(),
  payload: z.record(z.string(), z.unknown()).nullable(),
});
export type NewRunEvent = z.infer<typeof NewRunEventSchema>;

export const RunEventSchema = NewRunEventSchema.extend({ seq: z.number().int(), ts: z.date() });
export type RunEvent = z.infer<typeof RunEventSchema>;

export const SessionSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  createdAt: z.date(),
  archivedAt: z.date().nullable(),
});
export type Session = z.infer<typeof SessionSchema>;

export const LaneSchema = z.object({ name: z.string(), paused: z.boolean() });
export type Lane = z.infer<typeof LaneSchema>;

export const RunFilterSchema = z.object({
  status: z.array(RunStatusSchema).optional(),
  lane: z.array(z.string()).optional(),
  sessionId: z.number().int().optional(),
  text: z.string().optional(),
  since: z.date().optional(),
  until: z.date().optional(),
  limit: z.number().int().min(1).max(10_000).default(50),
});
export type RunFilter = z.input<typeof RunFilterSchema>;
