import { z } from 'zod';
import {
  CronPreviewSchema, NewScheduleSchema, ScheduleChangesSchema, ScheduleFireSchema, ScheduleListSchema, ScheduleNameSchema,
  ScheduleSchema, ScheduleSummarySchema,
} from '../../domain/schedule.ts';
import { method } from './define.ts';

const Name = z.strictObject({ name: ScheduleNameSchema });
const PausedAll = z.object({ pausedAll: z.boolean() });

export const scheduleMethods = {
  'schedules.list': method(z.strictObject({}), ScheduleListSchema,
    'every schedule by name, with its next fire times (in its zone) and its last slot\'s outcome; and whether all are paused'),
  'schedules.add': method(NewScheduleSchema, ScheduleSummarySchema,
    'add a schedule: a cron expression (seconds optional) in a time zone that queues a stored plan, a skill or a command'),
  'schedules.update': method(z.strictObject({ name: ScheduleNameSchema, changes: ScheduleChangesSchema }), ScheduleSummarySchema,
    'change a schedule\'s expression, zone, lane, overlap or catch-up policy'),
  'schedules.pause': method(Name, ScheduleSummarySchema, 'stop a schedule firing (its slots while paused are not caught up)'),
  'schedules.resume': method(Name, ScheduleSummarySchema, 'let a paused schedule fire again, from now'),
  'schedules.remove': method(Name, ScheduleSchema, 'remove a schedule, its fire history and its secret parameters (its runs stay)'),
  'schedules.pauseAll': method(z.strictObject({}), PausedAll, 'stop every schedule firing, whatever each says'),
  'schedules.resumeAll': method(z.strictObject({}), PausedAll, 'let schedules fire again, from now'),
  'schedules.fires': method(z.strictObject({ name: ScheduleNameSchema, limit: z.number().int().min(1).max(500).default(50) }),
    z.array(ScheduleFireSchema), 'what became of a schedule\'s slots, newest first'),
  'schedules.preview': method(z.strictObject({
    cron: z.string().max(200),
    timezone: z.string().max(100).optional(),
    count: z.number().int().min(1).max(20).default(5),
  }), CronPreviewSchema, 'the next fire times of a cron expression in a time zone, or why it is refused (the add form\'s live preview)'),
};
