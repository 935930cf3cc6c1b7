import type { skillMethods } from '../../../../shared/ipc/methods/skills.ts';
import type { Core } from '../../core.ts';
import type { Handlers } from './types.ts';

export const skillHandlers = (core: Core): Handlers<keyof typeof skillMethods> => ({
  'skills.list': async () => {
    const [skills, problems] = await Promise.all([core.skills.list(), core.skills.problems()]);
    return { skills, problems };
  },
});
