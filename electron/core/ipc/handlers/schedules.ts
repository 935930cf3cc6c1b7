import type { scheduleMethods } from '../../../../shared/ipc/methods/schedules.ts';
import type { Core } from '../../core.ts';
import type { Handlers } from './types.ts';

export const scheduleHandlers = (core: Core): Handlers<keyof typeof scheduleMethods> => ({
  'schedules.list': () => core.schedules.list(),
  'schedules.add': (input) => core.schedules.add(input),
  'schedules.update': ({ name, changes }) => core.schedules.update(name, changes),
  'schedules.pause': ({ name }) => core.schedules.pause(name),
  'schedules.resume': ({ name }) => core.schedules.resume(name),
  'schedules.remove': ({ name }) => core.schedules.remove(name),
  'schedules.pauseAll': () => core.schedules.pauseAll(),
  'schedules.resumeAll': () => core.schedules.resumeAll(),
  'schedules.fires': ({ name, limit }) => core.schedules.fires(name, limit),
  'schedules.preview': ({ cron, timezone, count }) => core.schedules.preview(cron, timezone, count),
});
