import { z } from 'zod';
import { RunStatusSchema, SessionSchema } from '../../domain/run.ts';
import { method } from './define.ts';

export const RunCountsSchema = z.record(RunStatusSchema, z.number().int());
export type RunCounts = z.infer<typeof RunCountsSchema>;
export const SessionSummarySchema = SessionSchema.extend({ counts: RunCountsSchema });
export type SessionSummary = z.infer<typeof SessionSummarySchema>;

const Id = z.strictObject({ id: z.number().int().positive() });
const Title = z.string().trim().min(1, 'a session title is 1 to 200 characters').max(200, 'a session title is 1 to 200 characters');

export const sessionMethods = {
  'sessions.list': method(z.strictObject({ includeArchived: z.boolean().default(false) }), z.array(SessionSummarySchema),
    'sessions with their runs counted by status'),
  'sessions.create': method(z.strictObject({ title: Title }), SessionSchema, 'start a session'),
  'sessions.rename': method(z.strictObject({ id: z.number().int().positive(), title: Title }), SessionSchema, 'rename a session'),
  'sessions.archive': method(Id, SessionSchema, 'hide a session (its runs stay)'),
  'sessions.restore': method(Id, SessionSchema, 'bring an archived session back'),
};
