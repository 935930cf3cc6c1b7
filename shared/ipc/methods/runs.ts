import { z } from 'zod';
import {
  LaneNameSchema, RunEventSchema, RunSchema, RunStatusSchema, RunStepSchema,
} from '../../domain/run.ts';
import { RerunHistorySchema } from '../../domain/rerun.ts';
import { ParamSchema } from '../../ir/params.ts';
import { method } from './define.ts';

const RunId = z.number().int().positive();
/** A lane name, or 'auto': the unpaused served lane with the least work. */
const LaneChoice = z.union([z.literal('auto'), LaneNameSchema]).default('auto');
const SessionChoice = z.number().int().positive().nullable().default(null);

/** The Runboard's filter; the same fields live in the page URL. */
export const RunQuerySchema = z.strictObject({
  status: z.array(RunStatusSchema).optional(),
  lane: z.array(LaneNameSchema).optional(),
  sessionId: z.number().int().positive().optional(),
  /** Matched case-insensitively against the title and the error. */
  text: z.string().max(200).optional(),
  /** Created at or after / before. */
  since: z.date().optional(),
  until: z.date().optional(),
  limit: z.number().int().min(1).max(1000).default(200),
});
export type RunQuery = z.input<typeof RunQuerySchema>;

export const StepProgressSchema = z.object({
  total: z.number().int(), done: z.number().int(), failed: z.number().int(), running: z.number().int(),
});
export type StepProgress = z.infer<typeof StepProgressSchema>;
/** A run as the board shows it: the row plus how far its steps are. */
export const RunCardSchema = RunSchema.extend({ progress: StepProgressSchema });
export type RunCard = z.infer<typeof RunCardSchema>;

/** The plan's shape, for the step timeline (DAG order, names) and the "run plan" form. */
export const PlanOutlineSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  contentHash: z.string(),
  params: z.record(z.string(), ParamSchema),
  steps: z.array(z.object({ id: z.string(), name: z.string().nullable(), tool: z.string(), needs: z.array(z.string()) })),
  createdAt: z.date(),
});
export type PlanOutline = z.infer<typeof PlanOutlineSchema>;

export const RunDetailSchema = z.object({ run: RunSchema, steps: z.array(RunStepSchema), plan: PlanOutlineSchema });
export type RunDetail = z.infer<typeof RunDetailSchema>;

export const runMethods = {
  'runs.list': method(RunQuerySchema, z.array(RunCardSchema), 'runs matching a filter, newest first'),
  'runs.get': method(z.strictObject({ id: RunId }), RunDetailSchema, 'a run with its steps and its plan outline'),
  'runs.events': method(z.strictObject({
    runId: RunId,
    afterSeq: z.number().int().nonnegative().default(0),
    limit: z.number().int().min(1).max(10_000).default(5000),
  }), z.array(RunEventSchema), 'a page of a run\'s stored events, oldest first'),
  'runs.runCommand': method(z.strictObject({
    command: z.string().trim().min(1, 'type a command to run').max(100_000),
    sessionId: SessionChoice,
    lane: LaneChoice,
  }), RunSchema, 'queue a shell command as a one-step plan (proved by exit code 0); remembered as a recent command'),
  'runs.runPlan': method(z.strictObject({
    planId: z.number().int().positive(),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
    sessionId: SessionChoice,
    lane: LaneChoice,
  }), RunSchema, 'queue a stored plan with parameter values'),
  'runs.cancel': method(z.strictObject({ id: RunId }), RunSchema, 'cancel a queued or running run'),
  'runs.retry': method(z.strictObject({ id: RunId }), RunSchema,
    'queue the same plan again with the same parameters, session and lane (a new run)'),
  'runs.rerun': method(z.strictObject({
    id: RunId,
    /** rerun: the whole plan; resume: what did not succeed; from-step: fromStep and everything downstream;
     * edit: new parameter values (merged over the old ones), from fromStep if given. */
    kind: z.enum(['rerun', 'resume', 'from-step', 'edit']),
    fromStep: z.string().min(1).max(200).optional(),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  }), RunSchema, 'queue a new run linked to a finished one, reusing the recorded outcome of steps that need not run again'),
  'runs.reprove': method(z.strictObject({ id: RunId }), RunSchema,
    'queue a re-prove of a finished run: its verifiers again, against live state, with no action (a new run)'),
  'runs.reruns': method(z.strictObject({ id: RunId }), RerunHistorySchema,
    'the run a run repeats, the runs that repeat it (with their drift), and its re-checks beside the old proofs'),
  'runs.watch': method(z.strictObject({ runIds: z.array(RunId).max(100) }), z.object({ runIds: z.array(z.number().int()) }),
    'receive the output and log lines of these runs live (replaces the previous set)'),
};
