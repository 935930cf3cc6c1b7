import { z } from 'zod';
import { LaneNameSchema, RunEventSchema, RunSchema, RunStatusSchema } from './run.ts';

/** A log search: lines where each typed word starts a word and the text appears as typed (case-insensitive). */
export const LogSearchQuerySchema = z.strictObject({
  text: z.string().trim().min(1, 'type something to search the logs for').max(200),
  /** Only these runs' lines (the board's other filters). */
  filter: z.strictObject({
    status: z.array(RunStatusSchema).optional(),
    lane: z.array(LaneNameSchema).optional(),
    sessionId: z.number().int().positive().optional(),
    since: z.date().optional(),
    until: z.date().optional(),
  }).optional(),
  /** Runs per page (default 20). */
  limit: z.number().int().min(1).max(200).optional(),
  /** Matching lines shown per run (default 3): its newest ones. */
  linesPerRun: z.number().int().min(1).max(50).optional(),
  /** The next page: runs older than this one (a result's nextBefore). */
  beforeRunId: z.number().int().positive().optional(),
});
export type LogSearchQuery = z.input<typeof LogSearchQuerySchema>;

export const LogSearchHitSchema = z.object({
  run: RunSchema,
  /** Its newest matching lines, oldest first. */
  lines: z.array(RunEventSchema),
  /** More of its lines match than are shown. */
  moreLines: z.boolean(),
});
export const LogSearchResultSchema = z.object({
  hits: z.array(LogSearchHitSchema),
  /** Pass as beforeRunId for more; null: the whole history was searched. */
  nextBefore: z.number().int().nullable(),
});
export type LogSearchResult = z.infer<typeof LogSearchResultSchema>;
