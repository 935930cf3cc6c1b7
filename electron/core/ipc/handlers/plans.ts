import type { planMethods } from '../../../../shared/ipc/methods/plans.ts';
import type { Core } from '../../core.ts';
import type { Handlers } from './types.ts';

export const planHandlers = (core: Core): Handlers<keyof typeof planMethods> => ({
  'plans.list': () => core.plans.list(),
  'plans.setPinned': ({ planId, pinned }) => core.plans.setPinned(planId, pinned),
  'commands.recent': ({ limit }) => core.commands.recent(limit),
});
