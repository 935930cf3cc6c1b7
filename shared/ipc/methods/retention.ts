import { z } from 'zod';
import { LogSearchQuerySchema } from '../../domain/log-search.ts';
import { RetentionDaysSchema, PurgeReportSchema, RetentionPolicySchema } from '../../domain/retention.ts';
import { RunEventSchema } from '../../domain/run.ts';
import { method } from './define.ts';
import { RunCardSchema } from './runs.ts';

/** A period in days, or null to remove it (keep forever / follow the global policy). */
const Days = RetentionDaysSchema.nullable();

export const LogSearchPageSchema = z.object({
  hits: z.array(z.object({ run: RunCardSchema, lines: z.array(RunEventSchema), moreLines: z.boolean() })),
  nextBefore: z.number().int().nullable(),
});
export type LogSearchPage = z.infer<typeof LogSearchPageSchema>;

export const retentionMethods = {
  'retention.get': method(z.strictObject({}), RetentionPolicySchema,
    'how long runs and proofs are kept (global and per session), and the newest purge'),
  'retention.set': method(z.strictObject({ runsDays: Days.optional(), proofsDays: Days.optional() }), RetentionPolicySchema,
    'set the global retention (days; null keeps forever); proofs are kept at least as long as runs'),
  'retention.setSession': method(z.strictObject({ sessionId: z.number().int().positive(), days: Days }), RetentionPolicySchema,
    'a session\'s own retention in days (null: the global one)'),
  'retention.purge': method(z.strictObject({ dryRun: z.boolean().default(false) }), PurgeReportSchema,
    'purge what the retention policy says is due now, then vacuum; dryRun only counts'),
  'runs.searchLogs': method(LogSearchQuerySchema, LogSearchPageSchema,
    'runs whose log lines match the words typed, newest first, with the matching lines'),
};
