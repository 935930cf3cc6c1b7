import { z } from 'zod';
import { SkillProblemSchema, SkillSummarySchema } from '../../skills/skill-schema.ts';
import { method } from './define.ts';

export const skillMethods = {
  'skills.list': method(z.strictObject({}), z.object({ skills: z.array(SkillSummarySchema), problems: z.array(SkillProblemSchema) }),
    'the skills in use (stock ones, each replaced by a user skill of the same name) and why any skill file did not load'),
};
