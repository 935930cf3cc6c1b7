import { z } from 'zod';
import { ParamNameSchema, ParamSchema } from './params.ts';
import { SandboxSchema } from './sandbox.ts';
import { ToolRefSchema } from './tool-ref.ts';
import { VerifierSchema } from './verifier.ts';
import { ConditionSchema, ContinueOnSchema } from './conditions.ts';
import { ApprovalGateSchema, NotifySchema } from './operations.ts';
import { checkPlanStructure } from './plan-structure.ts';

/**
 * Pulser IR, version 1. A Plan has a name, typed parameters and steps; steps form a DAG through `needs`, call a
 * tool (built-in or `server/tool` on an MCP server) and are each proven by one or more verifiers.
 * Any string in a step's input or verifiers may reference `${params.name}` or, for a step it (transitively)
 * needs, `${steps.<id>.exitCode|stdout|stderr|result[.path]}`; `$${` is a literal `${`.
 * Objects are strict: a misspelt key (timeoutMS) is an error, not a setting silently ignored.
 */
export const IR_VERSION = 1;

export const StepIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/,
  'a step id is 1-64 letters, digits, "_" or "-", starting with a letter or digit');

export const RetrySchema = z.strictObject({
  /** Tries in all, the first included. */
  attempts: z.number().int().min(1).max(20),
  delayMs: z.number().int().min(0).max(3_600_000).optional(),
  backoff: z.enum(['fixed', 'exponential']).optional(),
});

export const StepSchema = z.strictObject({
  id: StepIdSchema,
  name: z.string().max(200).optional(),
  /** What the step is for, in prose: a runbook's text before its block, a Spec Kit task's line. */
  description: z.string().max(5000).optional(),
  tool: ToolRefSchema,
  input: z.record(z.string(), z.unknown()),
  needs: z.array(StepIdSchema).max(1000).optional(),
  /** Preferred lane for the step; the run's lane when the plan is queued as one run. */
  lane: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/).optional(),
  timeoutMs: z.number().int().positive().max(7 * 24 * 3600 * 1000).optional(),
  retry: RetrySchema.optional(),
  /** A failure of this step does not fail the run, and steps that need it still run (continueOn.failure). */
  continueOnError: z.boolean().optional(),
  /** Which failures of this step do not stop the run (by exit code, by output): see conditions.ts. */
  continueOn: ContinueOnSchema.optional(),
  /** Run the step only when this holds; otherwise it is skipped (the reason stored), and steps needing it run. */
  if: ConditionSchema.optional(),
  /** Kept in the plan but not run: skipped as disabled, like a false `if`. */
  disabled: z.boolean().optional(),
  /** Before/after evidence: run the step's http, sql and file verifiers first; if they already pass, the step is
   * settled as "already satisfied" with that evidence stored (a proven skip) instead of being run again. */
  precheck: z.boolean().optional(),
  verify: z.array(VerifierSchema).min(1, 'a step needs at least one verifier, e.g. {"kind":"exit_code"}').max(50),
});

/**
 * Where a compiled plan came from, kept with it so a run can be traced to its source and a Spec Kit task list
 * can be written back when the run ends. Absent for plans written as IR by hand.
 */
export const PlanOriginSchema = z.strictObject({
  kind: z.enum(['shell', 'skill', 'runbook', 'spec-kit', 'natural-language']),
  /** The compiled file, absolute. */
  path: z.string().min(1).max(4096).optional(),
  skill: z.string().max(64).optional(),
  version: z.string().max(64).optional(),
  /** The request a natural-language draft was made from. */
  request: z.string().max(5000).optional(),
});

export const PlanSchema = z.strictObject({
  irVersion: z.literal(IR_VERSION),
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).optional(),
  params: z.record(ParamNameSchema, ParamSchema).optional(),
  sandbox: SandboxSchema.optional(),
  origin: PlanOriginSchema.optional(),
  /** After a failure, steps that do not need the failed one still start (make -k); the run still fails. */
  keepGoing: z.boolean().optional(),
  /** A person approves before the first step (an `approval` step every other step needs). */
  approval: ApprovalGateSchema.optional(),
  /** Native notification and webhook on success, failure, approval needed. */
  notify: NotifySchema.optional(),
  steps: z.array(StepSchema).min(1).max(1000),
}).superRefine(checkPlanStructure);

export type Retry = z.infer<typeof RetrySchema>;
export type Step = z.infer<typeof StepSchema>;
export type Plan = z.infer<typeof PlanSchema>;
export type PlanOrigin = z.infer<typeof PlanOriginSchema>;
