import type { laneMethods } from '../../../../shared/ipc/methods/lanes.ts';
import type { Core } from '../../core.ts';
import type { Handlers } from './types.ts';

export const laneHandlers = (core: Core): Handlers<keyof typeof laneMethods> => ({
  'lanes.list': async () => {
    const lanes = await core.lanes.list();
    const counts = await core.runs.countsByLane(lanes.map((l) => l.name));
    // Board order: the lanes this process serves, as configured, then any others (another process's) by name.
    const rank = (name: string) => {
      const i = core.lanes.served.indexOf(name);
      return i === -1 ? core.lanes.served.length : i;
    };
    return lanes
      .map((lane) => ({ ...lane, served: core.lanes.served.includes(lane.name), counts: counts.get(lane.name)! }))
      .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
  },
  'lanes.pause': ({ name }) => core.lanes.pause(name),
  'lanes.resume': ({ name }) => core.lanes.resume(name),
});
