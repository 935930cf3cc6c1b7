import { z } from 'zod';

/**
 * Pulser IR, version 1: a Plan is named and has ordered steps; each step names a tool and gives its input.
 * The IR/MCP issue adds parameters, `needs` (a DAG), verifiers and MCP tool references; this is the subset
 * the core runtime executes today. Tool inputs are checked by the tool's own schema, in the core.
 * Objects are strict: a misspelt key (timeoutMS) is an error, not a setting silently ignored.
 */
export const IR_VERSION = 1;

export const StepIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/,
  'a step id is 1-64 letters, digits, "_", "." or "-", starting with a letter or digit');

export const StepSchema = z.strictObject({
  id: StepIdSchema,
  tool: z.string().min(1),
  input: z.record(z.string(), z.unknown()),
  timeoutMs: z.number().int().positive().max(7 * 24 * 3600 * 1000).optional(),
});

export const PlanSchema = z.strictObject({
  irVersion: z.literal(IR_VERSION),
  name: z.string().trim().min(1).max(200),
  steps: z.array(StepSchema).min(1).max(1000),
}).superRefine((plan, ctx) => {
  const seen = new Set<string>();
  plan.steps.forEach((step, index) => {
    if (seen.has(step.id)) {
      ctx.addIssue({ code: 'custom', path: ['steps', index, 'id'], message: `duplicate step id "${step.id}"` });
    }
    seen.add(step.id);
  });
});

export type Step = z.infer<typeof StepSchema>;
export type Plan = z.infer<typeof PlanSchema>;
