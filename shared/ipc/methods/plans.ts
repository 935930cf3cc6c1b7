import { z } from 'zod';
import { method } from './define.ts';
import { PlanOutlineSchema } from './runs.ts';

export const RecentCommandSchema = z.object({ command: z.string(), lastRunAt: z.date(), uses: z.number().int() });
export type RecentCommand = z.infer<typeof RecentCommandSchema>;

/** A plan as the pickers list it: its outline, and whether its name is pinned (the command bar, the tray). */
export const PlanListItemSchema = PlanOutlineSchema.extend({ pinned: z.boolean() });
export type PlanListItem = z.infer<typeof PlanListItemSchema>;

/** A pin holds the plan's name, so it covers every version of it. */
export const PlanPinSchema = z.object({ name: z.string(), pinned: z.boolean() });
export type PlanPin = z.infer<typeof PlanPinSchema>;

export const planMethods = {
  'plans.list': method(z.strictObject({}), z.array(PlanListItemSchema),
    'stored plans, the newest version of each name: pinned ones first, then newest first (one-off shell commands left out)'),
  'plans.setPinned': method(z.strictObject({ planId: z.number().int().positive(), pinned: z.boolean() }), PlanPinSchema,
    'pin a plan (by name, so every version) to the top of the plan list and the tray menu, or unpin it'),
  'commands.recent': method(z.strictObject({ limit: z.number().int().min(1).max(100).default(20) }), z.array(RecentCommandSchema),
    'shell commands run from the command bar, most recent first'),
};
