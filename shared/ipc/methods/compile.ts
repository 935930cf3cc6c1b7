import { z } from 'zod';
import { RunSchema } from '../../domain/run.ts';
import { ParamSchema } from '../../ir/params.ts';
import { PlanSchema } from '../../ir/plan.ts';
import { method } from './define.ts';

const ParamValue = z.union([z.string(), z.number(), z.boolean()]);
const ParamValues = z.record(z.string(), ParamValue).default({});
const Text = z.string().trim().min(1, 'type a command, /skill, a file or "? what you want done"').max(100_000);
const SessionChoice = z.number().int().positive().nullable().default(null);
const LaneChoice = z.string().regex(/^(auto|[A-Za-z0-9_-]{1,32})$/).default('auto');

export const CompileSourceSchema = z.enum(['shell', 'skill', 'plan-file', 'runbook', 'spec-kit', 'natural-language']);

/** What typed text compiles to: a plan with its bound parameters (secrets shown as "***"), or the parameters
 * still missing (with those already given, secrets left out) so a form can ask for them. */
export const CompileOutcomeSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('compiled'), source: CompileSourceSchema, label: z.string(), plan: PlanSchema,
    params: z.record(z.string(), ParamValue), warnings: z.array(z.string()), draft: z.boolean(),
  }),
  z.object({
    status: z.literal('needs-params'), source: CompileSourceSchema, label: z.string(),
    params: z.record(z.string(), ParamSchema), values: z.record(z.string(), ParamValue), missing: z.array(z.string()),
  }),
]);
export type CompileOutcomeView = z.infer<typeof CompileOutcomeSchema>;

export const compileMethods = {
  'compile.preview': method(z.strictObject({ text: Text, params: ParamValues }), CompileOutcomeSchema,
    'what typed text compiles to (a shell command, /skill, a file, "? words"), running nothing: the dry run and the draft'),
  'runs.runText': method(z.strictObject({ text: Text, params: ParamValues, sessionId: SessionChoice, lane: LaneChoice }), RunSchema,
    'compile typed text with the one grammar and queue it (remembered as a recent command, secret values removed); a natural-language draft is refused'),
  'runs.runDraft': method(z.strictObject({ plan: z.unknown(), params: ParamValues, sessionId: SessionChoice, lane: LaneChoice }), RunSchema,
    'queue a plan a person approved (a natural-language draft), checked like any plan'),
};
