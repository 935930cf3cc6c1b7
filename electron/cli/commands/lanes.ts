import { createCore } from '../../core/index.ts';
import { DATABASE_OPTIONS, UsageError, databaseOptions, parse } from '../args.ts';
import { json, table } from '../format.ts';

export const LANES_HELP = `opsroom lanes                  list lanes and whether they are paused
opsroom lanes pause NAME       stop claiming new runs on a lane (running ones finish)
opsroom lanes resume NAME      claim again
  --json                       machine-readable output`;

export async function lanesCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { ...DATABASE_OPTIONS, json: { type: 'boolean' } });
  if (values.help) return console.log(LANES_HELP), 0;
  const [action = 'list', name] = positionals;
  if (!['list', 'pause', 'resume'].includes(action)) throw new UsageError(`unknown action "${action}" (list, pause, resume)`);
  if (action !== 'list' && !name) throw new UsageError(`give the lane to ${action}, e.g. opsroom lanes ${action} A`);
  const core = await createCore({ ...databaseOptions(values), runWorkers: false });
  try {
    if (action === 'list') {
      const lanes = await core.lanes.list();
      console.log(values.json ? json(lanes) : table(['LANE', 'STATE'], lanes.map((l) => [l.name, l.paused ? 'paused' : 'running'])));
    } else {
      const lane = action === 'pause' ? await core.lanes.pause(name!) : await core.lanes.resume(name!);
      console.log(values.json ? json(lane) : `lane ${lane.name} ${lane.paused ? 'paused' : 'resumed'}`);
    }
    return 0;
  } finally {
    await core.close();
  }
}
