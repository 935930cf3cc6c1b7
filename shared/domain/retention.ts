import { z } from 'zod';

/** A retention period in days: at least one day, at most a hundred years (sessions.retention_days' CHECK). */
export const RetentionDaysSchema = z.number().int().min(1, 'keep runs at least 1 day').max(36_500, 'at most 36500 days (100 years)');

/** What `<data dir>/settings.json` holds under `retention`; a missing field keeps forever. */
export const RetentionSettingsSchema = z.strictObject({
  /** Finished runs older than this (by when they finished) are purged: events, steps, artifacts, proofs. */
  runsDays: RetentionDaysSchema.optional(),
  /** Proofs (and the artifacts they point at, and the run row they belong to) are kept this long instead,
   * when it is longer: the run is trimmed to them at runsDays and purged at proofsDays. */
  proofsDays: RetentionDaysSchema.optional(),
});
export type RetentionSettings = z.infer<typeof RetentionSettingsSchema>;

export const PurgeReportSchema = z.object({
  dryRun: z.boolean(),
  startedAt: z.date(),
  /** The rules applied: the global policy, and how many sessions had their own. */
  policy: z.object({ runsDays: z.number().int().nullable(), proofsDays: z.number().int().nullable(), sessionOverrides: z.number().int() }),
  /** False when the time budget ran out first: the next purge goes on where this one stopped. */
  complete: z.boolean(),
  /** Runs deleted with everything of theirs. */
  runsDeleted: z.number().int(),
  /** Runs kept for their proofs (proofsDays > runsDays) whose events, step outputs and other artifacts went. */
  runsTrimmed: z.number().int(),
  events: z.number().int(),
  artifacts: z.number().int(),
  proofs: z.number().int(),
  /** Step rows deleted, or (trimmed runs) emptied of their captured outputs. */
  steps: z.number().int(),
  /** Secret parameter files (<data dir>/run-secrets) of deleted runs that no remaining run names. */
  secretFiles: z.number().int(),
  batches: z.number().int(),
  /** The longest batch: how long the database was held at most (each batch is one short transaction). */
  maxBatchMs: z.number(),
  /** VACUUM (ANALYZE) of the tables the purge changed; `compacted`: those that lost at least half their rows
   * got VACUUM FULL, which gives the space back to the file system (plain VACUUM only lets it be reused). */
  vacuum: z.object({ tables: z.array(z.string()), compacted: z.array(z.string()), ms: z.number() }).nullable(),
  /** pg_database_size before and after, bytes. */
  sizeBefore: z.number().int(),
  sizeAfter: z.number().int(),
  durationMs: z.number(),
});
export type PurgeReport = z.infer<typeof PurgeReportSchema>;

export const SessionRetentionSchema = z.object({ id: z.number().int(), title: z.string(), retentionDays: z.number().int() });
export type SessionRetention = z.infer<typeof SessionRetentionSchema>;

export const RetentionPolicySchema = z.object({
  runsDays: z.number().int().nullable(),
  proofsDays: z.number().int().nullable(),
  /** Sessions with their own period (it replaces runsDays for their runs). */
  sessions: z.array(SessionRetentionSchema),
  /** The newest purge of this database (any process's), or null. */
  lastPurge: PurgeReportSchema.nullable(),
});
export type RetentionPolicy = z.infer<typeof RetentionPolicySchema>;
