import { z } from 'zod';
import { ParamNameSchema, ParamSchema } from '../ir/params.ts';
import { StepIdSchema } from '../ir/plan.ts';
import { ToolRefSchema } from '../ir/tool-ref.ts';

/** A skill's name, typed as `/name` in the command bar: lower-case so it is one word to type. */
export const SkillNameSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/,
  'a skill name is 2-64 characters: a-z, 0-9 and "-", starting with a letter or digit');

const ProgramSchema = z.string().regex(/^[A-Za-z0-9_.+-]{1,100}$/, 'a program name, as typed in a shell (no path)');

/**
 * A step of a skill is a template of an IR step (shared/ir/plan.ts StepSchema): the same keys, but any value may
 * still be a `${params.X}` string that becomes a number or boolean at invocation, so only the keys that are never
 * substituted are typed here; the expanded plan is checked against the IR itself. `forEach` names a string
 * parameter whose items (split on commas and whitespace) each get a copy of the step.
 */
export const SkillStepSchema = z.strictObject({
  id: StepIdSchema,
  forEach: ParamNameSchema.optional(),
  /** A parameter: the step is left out when its value is unset, "", false or 0 (an optional check). A verifier
   * item may carry `when` too. */
  when: ParamNameSchema.optional(),
  name: z.unknown().optional(),
  description: z.unknown().optional(),
  tool: ToolRefSchema,
  input: z.record(z.string(), z.unknown()),
  needs: z.array(StepIdSchema).max(1000).optional(),
  lane: z.unknown().optional(),
  timeoutMs: z.unknown().optional(),
  retry: z.unknown().optional(),
  continueOnError: z.unknown().optional(),
  /** Issue 8: as in the IR step. `if` is an IR template (its `${steps.…}` resolved when the step would start). */
  continueOn: z.unknown().optional(),
  if: z.unknown().optional(),
  disabled: z.unknown().optional(),
  precheck: z.unknown().optional(),
  verify: z.array(z.record(z.string(), z.unknown())).min(1, 'a step needs at least one verifier, e.g. {kind: exit_code}').max(50),
});

export const SkillRequiresSchema = z.strictObject({
  /** Built-ins or `server/tool` it uses: informational, the plan check enforces them. */
  tools: z.array(z.string().min(1).max(200)).max(100).optional(),
  /** MCP servers it needs. */
  servers: z.array(z.string().min(1).max(64)).max(100).optional(),
  /** Programs that must be on PATH, checked at invocation so a missing one is named before anything runs. */
  commands: z.array(ProgramSchema).max(100).optional(),
});

/** One skill file (`<name>.yaml`), as written by a person: docs in the design of issue 7. */
export const SkillSchema = z.strictObject({
  skill: SkillNameSchema,
  version: z.string().max(64).regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, 'a version is MAJOR.MINOR.PATCH, e.g. 1.0.0'),
  title: z.string().trim().min(1).max(200),
  description: z.string().max(5000).optional(),
  tags: z.array(z.string().min(1).max(40)).max(30).optional(),
  requires: SkillRequiresSchema.optional(),
  params: z.record(ParamNameSchema, ParamSchema).optional(),
  /** As the plan's: after a failure, steps that do not need the failed one still run (a triage looks at everything). */
  keepGoing: z.boolean().optional(),
  steps: z.array(SkillStepSchema).min(1).max(1000),
});

export type Skill = z.infer<typeof SkillSchema>;
export type SkillStep = z.infer<typeof SkillStepSchema>;
export type SkillRequires = z.infer<typeof SkillRequiresSchema>;

/** A skill as the command bar and `opsroom skills list` show it. `overrides`: a user skill that replaces the
 * stock skill of the same name. */
export const SkillSummarySchema = z.object({
  name: z.string(),
  version: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  tags: z.array(z.string()),
  params: z.record(z.string(), ParamSchema),
  requires: z.object({ tools: z.array(z.string()), servers: z.array(z.string()), commands: z.array(z.string()) }),
  source: z.enum(['stock', 'user']),
  path: z.string(),
  overrides: z.boolean(),
});
export type SkillSummary = z.infer<typeof SkillSummarySchema>;

/** Why a skill file did not load: `file:line: field: message`. */
export const SkillProblemSchema = z.object({
  path: z.string(),
  file: z.string(),
  line: z.number().int().min(1),
  field: z.string().nullable(),
  message: z.string(),
});
export type SkillProblem = z.infer<typeof SkillProblemSchema>;

/** The problem as one line, the form every error message of a file takes. */
export const formatSkillProblem = (problem: SkillProblem): string =>
  `${problem.file}:${problem.line}: ${problem.field ? `${problem.field}: ` : ''}${problem.message}`;
