import { z } from 'zod';
import { LaneNameSchema, LaneSchema } from '../../domain/run.ts';
import { method } from './define.ts';
import { RunCountsSchema } from './sessions.ts';

export const LaneInfoSchema = LaneSchema.extend({
  /** A worker of this process claims on it (a lane in the table may have none). */
  served: z.boolean(),
  counts: RunCountsSchema,
});
export type LaneInfo = z.infer<typeof LaneInfoSchema>;

const Name = z.strictObject({ name: LaneNameSchema });

export const laneMethods = {
  'lanes.list': method(z.strictObject({}), z.array(LaneInfoSchema), 'lanes in board order, with their runs counted'),
  'lanes.pause': method(Name, LaneSchema, 'stop claiming new runs on a lane (running ones finish)'),
  'lanes.resume': method(Name, LaneSchema, 'claim on a lane again'),
};
