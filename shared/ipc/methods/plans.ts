import { z } from 'zod';
import { method } from './define.ts';
import { PlanOutlineSchema } from './runs.ts';

export const RecentCommandSchema = z.object({ command: z.string(), lastRunAt: z.date(), uses: z.number().int() });
export type RecentCommand = z.infer<typeof RecentCommandSchema>;

export const planMethods = {
  'plans.list': method(z.strictObject({}), z.array(PlanOutlineSchema),
    'stored plans, the newest version of each name first (one-off shell commands left out)'),
  'commands.recent': method(z.strictObject({ limit: z.number().int().min(1).max(100).default(20) }), z.array(RecentCommandSchema),
    'shell commands run from the command bar, most recent first'),
};
