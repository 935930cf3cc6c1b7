import { readFile } from 'node:fs/promises';
import { createCore, shellPlan, type Core } from '../../core/index.ts';
import type { Run, RunEvent } from '../../../shared/domain/run.ts';
import { DATABASE_OPTIONS, UsageError, databaseOptions, parse, parseDuration, parseInteger, parsePairs } from '../args.ts';
import { eventLine, palette } from '../format.ts';
import { progressLine } from '../progress-line.ts';
import { proofLines } from '../proof-lines.ts';

export const RUN_HELP = `opsroom run [plan.json | --sh "command"] [options]

Queues a run, follows its events live, prints each step's verdict and proofs, and exits with its status:
0 succeeded, 1 failed, 3 cancelled.
Ctrl-C cancels the run; a second Ctrl-C leaves at once (the run is requeued for the next worker).

  --param NAME=VALUE     a plan parameter (repeatable)
  --sh CMD               run one shell command (instead of a plan file)
  --cwd DIR              working directory for --sh
  --timeout DUR          time limit for --sh (e.g. 30s, 5m)
  --lane NAME            lane to queue on (default: auto, the least busy)
  --session ID           session the run belongs to
  --priority N           higher runs first (-1000..1000, default 0)
  --max-attempts N       tries before the run fails (default 1)
  --idempotency-key KEY  queue at most one run per key
  --detach               queue it and exit; a worker runs it later
  --json                 print events as JSON lines
  --data-dir DIR         embedded database folder (or OPSROOM_DATA_DIR)
  --database-url URL     use a shared PostgreSQL (or OPSROOM_DATABASE_URL)`;

export const EXIT_FOR_STATUS: Record<Run['status'], number> = { succeeded: 0, failed: 1, cancelled: 3, queued: 4, running: 4 };

async function readPlan(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the plan file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}

export async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...DATABASE_OPTIONS,
    sh: { type: 'string' }, cwd: { type: 'string' }, timeout: { type: 'string' }, lane: { type: 'string' },
    session: { type: 'string' }, priority: { type: 'string' }, 'max-attempts': { type: 'string' },
    'idempotency-key': { type: 'string' }, detach: { type: 'boolean' }, json: { type: 'boolean' },
    param: { type: 'string', multiple: true },
  });
  if (values.help) return console.log(RUN_HELP), 0;
  if ((values.sh === undefined) === (positionals.length === 0) || positionals.length > 1) {
    throw new UsageError('give either one plan file or --sh "command"');
  }
  const timeoutMs = values.timeout ? parseDuration(values.timeout, '--timeout') : undefined;
  const plan = values.sh !== undefined ? shellPlan(values.sh, { cwd: values.cwd, timeoutMs }) : await readPlan(positionals[0]!);
  const enqueueOptions = {
    plan, source: positionals[0] ?? '--sh', lane: values.lane, sessionId: parseInteger(values.session, '--session'),
    // A typed command is stored as a 'command' plan: kept out of the app's list of plans to pick from.
    kind: values.sh !== undefined ? 'command' as const : 'plan' as const,
    priority: parseInteger(values.priority, '--priority'), maxAttempts: parseInteger(values['max-attempts'], '--max-attempts'),
    idempotencyKey: values['idempotency-key'], params: parsePairs(values.param ?? [], '--param'), paramsAreText: true,
  };
  const core = await createCore({ ...databaseOptions(values), runWorkers: !values.detach });
  // Ctrl-C: the first cancels the run, the second stops following, any later one stops the steps at once.
  // The handler stays through close(): Node's default would kill this process and orphan the steps.
  const interrupts = { count: 0, runId: 0, stopFollowing: new AbortController(), note: (text: string) => console.error(text) };
  const onInterrupt = () => {
    interrupts.count++;
    if (interrupts.count === 1 && interrupts.runId) {
      interrupts.note(`cancelling run ${interrupts.runId}... (Ctrl-C again to leave now)`);
      core.runs.cancel(interrupts.runId).catch((error: Error) => interrupts.note(error.message));
    } else if (interrupts.count === 2) interrupts.stopFollowing.abort();
    else void core.close({ graceMs: 0 });
  };
  process.on('SIGINT', onInterrupt);
  try {
    const { run, created } = await core.runs.enqueue(enqueueOptions);
    interrupts.runId = run.id;
    if (!created) console.error(`run ${run.id} already exists for this idempotency key (${run.status})`);
    if (values.detach) return console.log(run.id), 0;
    return await follow(core, run, Boolean(values.json), interrupts);
  } finally {
    await core.close();
    process.off('SIGINT', onInterrupt);
  }
}

async function follow(core: Core, run: Run, asJson: boolean,
  interrupts: { stopFollowing: AbortController; note: (text: string) => void }): Promise<number> {
  const c = palette(process.stdout);
  const progress = progressLine(process.stderr, run);
  interrupts.note = (text) => progress.note(text);
  const print = (event: RunEvent) => {
    progress.clear();
    console.log(asJson ? JSON.stringify(event) : eventLine(event, c));
    progress.update(event);
  };
  try {
    const final = await core.runs.follow(run.id, print, { signal: interrupts.stopFollowing.signal });
    progress.clear();
    if (!asJson) {
      const [{ steps }, proofs] = await Promise.all([core.runs.get(run.id), core.proofs.list(run.id)]);
      console.log(`\nrun ${final.id} ${final.status}${final.error ? `: ${final.error}` : ''}`);
      console.log(proofLines(steps, proofs, palette(process.stdout)).join('\n'));
    }
    return EXIT_FOR_STATUS[final.status];
  } finally {
    progress.stop();
    interrupts.note = (text) => console.error(text);
  }
}

