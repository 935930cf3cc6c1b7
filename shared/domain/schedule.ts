import { z } from 'zod';
import { NotifySchema } from '../ir/operations.ts';
import { LaneNameSchema, RunStatusSchema } from './run.ts';

/**
 * Schedules (issue 8): a cron expression in an IANA time zone that queues a stored plan, a skill or a command
 * at each slot. The schedules and schedule_fires tables (migration 0009) hold them; these are their shapes.
 */

/** Also a CLI word (`opsroom schedules pause NAME`): no spaces, nothing to quote. */
export const ScheduleNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/,
  'a schedule name is 1-64 letters, digits, "_", "." or "-", starting with a letter or digit');

/** What runs at each slot. A plan by name runs its newest version; a command is text in the app's grammar. */
export const ScheduleTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('plan'), name: z.string().trim().min(1).max(200) }),
  z.strictObject({ kind: z.literal('skill'), name: z.string().trim().min(1).max(64) }),
  z.strictObject({ kind: z.literal('command'), text: z.string().trim().min(1).max(10_000) }),
]);
export type ScheduleTarget = z.infer<typeof ScheduleTargetSchema>;

/** A slot that comes while the schedule's previous run has not ended: skip it, run it after, or cancel the old. */
export const OverlapPolicySchema = z.enum(['skip', 'queue', 'replace']);
/** Slots missed while the app was closed or the machine slept: none, the latest once, or each up to a limit. */
export const CatchUpPolicySchema = z.enum(['skip', 'once', 'all']);
export type OverlapPolicy = z.infer<typeof OverlapPolicySchema>;
export type CatchUpPolicy = z.infer<typeof CatchUpPolicySchema>;

export const MAX_CATCH_UP_LIMIT = 1000;

/**
 * What became of one slot. 'firing': claimed, its run being queued (a crash here is finished by the next
 * scheduler, through the run's idempotency key); 'waiting': overlap queue, starts when the previous run ends;
 * 'fired': its run was queued; 'skipped': overlap skip; 'missed': stands for slots the catch-up policy let go;
 * 'failed': the target could not be queued (the detail says why).
 */
export const FireOutcomeSchema = z.enum(['firing', 'waiting', 'fired', 'skipped', 'missed', 'failed']);
export type FireOutcome = z.infer<typeof FireOutcomeSchema>;

export const ScheduleFireSchema = z.object({
  scheduleId: z.number().int(),
  slot: z.date(),
  outcome: FireOutcomeSchema,
  runId: z.number().int().nullable(),
  /** The run's status now (null when there is no run, or it was purged). */
  runStatus: RunStatusSchema.nullable(),
  detail: z.string().nullable(),
  firedAt: z.date(),
});
export type ScheduleFire = z.infer<typeof ScheduleFireSchema>;

/** A parameter value as stored and shown: secrets as "***" (their values are in the secret store). */
export const ShownParamSchema = z.union([z.string(), z.number(), z.boolean()]);

export const ScheduleSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  cron: z.string(),
  timezone: z.string(),
  target: ScheduleTargetSchema,
  params: z.record(z.string(), ShownParamSchema),
  lane: z.string(),
  sessionId: z.number().int().nullable(),
  overlap: OverlapPolicySchema,
  catchUp: CatchUpPolicySchema,
  catchUpLimit: z.number().int(),
  paused: z.boolean(),
  notify: NotifySchema.nullable(),
  createdAt: z.date(),
});
export type Schedule = z.infer<typeof ScheduleSchema>;

/** A schedule as the list shows it: its next slots (from now, in its zone) and what became of its last one. */
export const ScheduleSummarySchema = ScheduleSchema.extend({
  nextFires: z.array(z.date()),
  lastFire: ScheduleFireSchema.nullable(),
});
export type ScheduleSummary = z.infer<typeof ScheduleSummarySchema>;

export const ScheduleListSchema = z.object({
  /** "Pause all": nothing fires while set, whatever each schedule says. */
  pausedAll: z.boolean(),
  schedules: z.array(ScheduleSummarySchema),
});
export type ScheduleList = z.infer<typeof ScheduleListSchema>;

const LaneChoice = z.union([z.literal('auto'), LaneNameSchema]);
const ParamValues = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

/** What `schedules.add` takes. Zone: default the machine's. Parameters: typed values, or text with paramsAreText. */
export const NewScheduleSchema = z.strictObject({
  name: ScheduleNameSchema,
  cron: z.string().trim().min(1).max(200),
  timezone: z.string().trim().min(1).max(100).optional(),
  target: ScheduleTargetSchema,
  params: ParamValues.default({}),
  /** The values are text (`--param k=v`, a form field): each is converted to its parameter's type. */
  paramsAreText: z.boolean().default(false),
  lane: LaneChoice.default('auto'),
  sessionId: z.number().int().positive().nullable().default(null),
  overlap: OverlapPolicySchema.default('skip'),
  catchUp: CatchUpPolicySchema.default('once'),
  catchUpLimit: z.number().int().min(1).max(MAX_CATCH_UP_LIMIT).default(10),
  notify: NotifySchema.nullable().default(null),
});
export type NewSchedule = z.input<typeof NewScheduleSchema>;

/** What `schedules.update` may change; the target and parameters are changed by removing and adding. */
export const ScheduleChangesSchema = z.strictObject({
  cron: z.string().trim().min(1).max(200).optional(),
  timezone: z.string().trim().min(1).max(100).optional(),
  lane: LaneChoice.optional(),
  overlap: OverlapPolicySchema.optional(),
  catchUp: CatchUpPolicySchema.optional(),
  catchUpLimit: z.number().int().min(1).max(MAX_CATCH_UP_LIMIT).optional(),
  notify: NotifySchema.nullable().optional(),
});
export type ScheduleChanges = z.infer<typeof ScheduleChangesSchema>;

/** The add form's live preview: the next fire times, or why the expression or zone is refused. */
export const CronPreviewSchema = z.union([
  z.object({ nextFires: z.array(z.date()), timezone: z.string() }),
  z.object({ error: z.string() }),
]);
export type CronPreview = z.infer<typeof CronPreviewSchema>;
