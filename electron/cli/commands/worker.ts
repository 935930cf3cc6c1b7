import { createCore, type Core } from '../../core/index.ts';
import { DATABASE_OPTIONS, databaseOptions, parse, parseDuration, parseInteger } from '../args.ts';
import { eventLine, palette } from '../format.ts';

export const WORKER_HELP = `opsroom worker [options]

Runs lane workers until stopped (Ctrl-C or SIGTERM drain them: running steps get --grace to finish, then
are requeued). With --database-url, joins a shared PostgreSQL beside other machines' workers.

  --lanes A,B            lanes to work (default A,B,C,D)
  --workers-per-lane N   parallel runs per lane (default 1)
  --until-idle           exit once nothing is queued or running
  --reclaim-after DUR    requeue a run whose worker is silent this long (default 10s)
  --grace DUR            how long running steps may finish on shutdown (default 10s)
  --quiet                do not print events
  --data-dir DIR | --database-url URL`;

export async function workerCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    ...DATABASE_OPTIONS, lanes: { type: 'string' }, 'workers-per-lane': { type: 'string' }, 'until-idle': { type: 'boolean' },
    'reclaim-after': { type: 'string' }, grace: { type: 'string' }, quiet: { type: 'boolean' },
  }, false);
  if (values.help) return console.log(WORKER_HELP), 0;
  const graceMs = values.grace ? parseDuration(values.grace, '--grace') : 10_000;
  const core = await createCore({
    ...databaseOptions(values),
    lanes: values.lanes?.split(',').map((s) => s.trim()).filter(Boolean),
    workersPerLane: parseInteger(values['workers-per-lane'], '--workers-per-lane'),
    reclaimAfterMs: values['reclaim-after'] ? parseDuration(values['reclaim-after'], '--reclaim-after') : undefined,
  });
  const c = palette(process.stdout);
  if (!values.quiet) core.subscribe((events) => events.forEach((e) => console.log(`run ${e.runId} ${eventLine(e, c)}`)));
  console.error(`opsroom worker: ${core.workers().map((w) => w.id).join(', ')} on ${core.dataDir ?? 'PostgreSQL'}`);
  await (values['until-idle'] ? untilIdle(core) : untilSignal());
  console.error('opsroom worker: draining');
  await core.close({ graceMs });
  return 0;
}

const untilSignal = () => new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve());
  process.once('SIGTERM', () => resolve());
});

async function untilIdle(core: Core): Promise<void> {
  const stop = untilSignal();
  let stopped = false;
  stop.then(() => { stopped = true; });
  while (!stopped) {
    const counts = await core.runs.counts();
    if (counts.queued === 0 && counts.running === 0) return;
    await Promise.race([stop, new Promise((resolve) => setTimeout(resolve, 250))]);
  }
}
