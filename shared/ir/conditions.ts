import { z } from 'zod';

/**
 * Conditions and failure policies of a step (issue 8). A condition compares a text that may hold `${params.x}`
 * or `${steps.<id>.exitCode|stdout|stderr|result[.path]}` references (resolved just before the step would start,
 * so a step it reads must be in its needs) with exactly one expectation. Values compare as text: `${steps.a.exitCode}`
 * equals 0 and "0" alike. One level of all/any: enough for "prod and not a dry run", and simple to read back.
 */
const Scalar = z.union([z.string(), z.number(), z.boolean()]);

export const ComparisonSchema = z.strictObject({
  value: z.string(),
  equals: Scalar.optional(),
  notEquals: Scalar.optional(),
  in: z.array(Scalar).min(1).optional(),
  /** A JavaScript regular expression the value must match. */
  matches: z.string().min(1).optional(),
}).refine((c) => ['equals', 'notEquals', 'in', 'matches'].filter((key) => Object.hasOwn(c, key)).length === 1, {
  error: 'a condition has its "value" and exactly one of equals, notEquals, in, matches',
});

export const ConditionSchema = z.union([
  ComparisonSchema,
  z.strictObject({ all: z.array(ComparisonSchema).min(1).max(20) }),
  z.strictObject({ any: z.array(ComparisonSchema).min(1).max(20) }),
]);

/**
 * When a failed step does not stop the run (Dagu's continueOn): `failure: true` for any failure, or only when
 * its exit code is one of `exitCodes`, or its output (stdout and stderr) matches the regular expression `output`.
 * The step stays failed, with its failing proofs; steps that need it run, and it does not fail the run.
 */
export const ContinueOnSchema = z.strictObject({
  failure: z.boolean().optional(),
  exitCodes: z.array(z.number().int()).min(1).max(256).optional(),
  output: z.string().min(1).optional(),
});

export type Comparison = z.infer<typeof ComparisonSchema>;
export type Condition = z.infer<typeof ConditionSchema>;
export type ContinueOn = z.infer<typeof ContinueOnSchema>;
