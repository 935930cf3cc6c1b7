import { incidentLine } from '../../../shared/domain/health.ts';
import { createCore, type Core } from '../../core/index.ts';
import { DATABASE_OPTIONS, databaseOptions, parse, parseDuration, WORKER_OPTIONS, workerOptions } from '../args.ts';
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
    ...DATABASE_OPTIONS, ...WORKER_OPTIONS, 'until-idle': { type: 'boolean' }, grace: { type: 'string' }, quiet: { type: 'boolean' },
  }, false);
  if (values.help) return console.log(WORKER_HELP), 0;
  const graceMs = values.grace ? parseDuration(values.grace, '--grace') : 10_000;
  const core = await createCore({
    ...databaseOptions(values),
    ...workerOptions(values),
    schedules: { run: true }, // issue 8: schedules fire while workers run
    retention: { autoPurge: true }, // issue 8: retention: what the policy says is due goes once a day
  });
  const c = palette(process.stdout);
  if (!values.quiet) core.subscribe((events) => events.forEach((e) => console.log(`run ${e.runId} ${eventLine(e, c)}`)));
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => { stop = resolve; });
  // A database that cannot be recovered ends the worker with EX_TEMPFAIL, so a service manager starts it again.
  let fatal = false;
  core.onHealth((incident, health) => {
    console.error(`opsroom worker: ${incidentLine(incident, health)}`);
    if (health.status === 'fatal' && !fatal) {
      fatal = true;
      stop();
    }
  });
  console.error(`opsroom worker: ${core.workers().map((w) => w.id).join(', ')} on ${core.dataDir ?? 'PostgreSQL'}`);
  // The first Ctrl-C (or SIGTERM) drains; another one stops the running steps at once. The handlers stay
  // until the end: Node's default would kill this process and orphan the steps' process groups.
  let signals = 0;
  const onSignal = () => {
    if (++signals === 1) return stop();
    console.error('opsroom worker: stopping running steps now');
    void core.close({ graceMs: 0 });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await (values['until-idle'] ? untilIdle(core, stopped) : stopped);
    console.error(`opsroom worker: draining (running steps get ${graceMs} ms; Ctrl-C again to stop them now)`);
    await core.close({ graceMs });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return fatal ? 75 : 0;
}

/** Idle: nothing running on our lanes, and nothing queued that our unpaused lanes could still take. */
async function untilIdle(core: Core, stop: Promise<void>): Promise<void> {
  let stopped = false;
  stop.then(() => { stopped = true; });
  while (!stopped) {
    const open = (await core.lanes.list()).filter((l) => core.lanes.served.includes(l.name) && !l.paused).map((l) => l.name);
    const [served, takeable] = await Promise.all([core.runs.counts([...core.lanes.served]), core.runs.counts(open)]);
    if (served.running === 0 && takeable.queued === 0) return;
    await Promise.race([stop, new Promise((resolve) => setTimeout(resolve, 250))]);
  }
}
