import { createCore, missingMessage, shellPlan, type CompileOptions, type CompileOutcome, type Core } from '../../core/index.ts';
import { maskSecretValues } from '../../../shared/ir/params.ts';
import type { Run, RunEvent } from '../../../shared/domain/run.ts';
import { DATABASE_OPTIONS, UsageError, databaseOptions, parse, parseDuration, parseInteger } from '../args.ts';
import { ask, askHidden } from '../ask.ts';
import { COMPILE_OPTIONS, compileOptions, wordsToText } from '../compile-input.ts';
import { planSummary } from '../plan-summary.ts';
import { eventLine, palette } from '../format.ts';
import { progressLine } from '../progress-line.ts';
import { proofLines } from '../proof-lines.ts';

export const RUN_HELP = `opsroom run TEXT… | --sh "command" [options]

Compiles TEXT with the same grammar as the app's command bar, queues the run, follows its events live, prints
each step's verdict and proofs, and exits with its status: 0 succeeded, 1 failed, 3 cancelled.
  opsroom run plan.opsplan.json             a plan file (Pulser IR)
  opsroom run runbook.md                    a Markdown runbook (its sh blocks are steps)
  opsroom run specs/001-x/tasks.md          a Spec Kit task list (each task run by --agent, [X] written back)
  opsroom run /http-health urls=https://…   a skill with key=value parameters (opsroom skills list)
  opsroom run "systemctl restart nginx"     anything else: one shell command proven by exit code 0
  opsroom run "? is example.com up"         a natural-language request: the draft is shown and asked about
Ctrl-C cancels the run; a second Ctrl-C leaves at once (the run is requeued for the next worker).

  --dry-run              show the compiled plan (steps, lanes, verifiers, parameters; secrets masked), run nothing
  --param NAME=VALUE     a parameter (repeatable)
  --agent CMD            the command that carries out a Spec Kit task (or OPSROOM_AGENT_COMMAND)
  --sh CMD               run one shell command as given (never read as a skill or a file)
  --cwd DIR              working directory for --sh
  --timeout DUR          time limit for --sh (e.g. 30s, 5m)
  --lane NAME            lane to queue on (default: auto, the least busy)
  --session ID           session the run belongs to
  --priority N           higher runs first (-1000..1000, default 0)
  --max-attempts N       tries before the run fails (default 1)
  --idempotency-key KEY  queue at most one run per key
  --detach               queue it and exit; a worker runs it later
  --json                 print events as JSON lines (with --dry-run: the plan as JSON)
  --data-dir DIR         embedded database folder (or OPSROOM_DATA_DIR)
  --database-url URL     use a shared PostgreSQL (or OPSROOM_DATABASE_URL)`;

export const EXIT_FOR_STATUS: Record<Run['status'], number> = { succeeded: 0, failed: 1, cancelled: 3, queued: 4, running: 4 };

export async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...DATABASE_OPTIONS, ...COMPILE_OPTIONS,
    sh: { type: 'string' }, cwd: { type: 'string' }, timeout: { type: 'string' }, lane: { type: 'string' },
    session: { type: 'string' }, priority: { type: 'string' }, 'max-attempts': { type: 'string' },
    'idempotency-key': { type: 'string' }, detach: { type: 'boolean' }, json: { type: 'boolean' }, 'dry-run': { type: 'boolean' },
  });
  if (values.help) return console.log(RUN_HELP), 0;
  if ((values.sh === undefined) === (positionals.length === 0)) {
    throw new UsageError('give what to run (a plan, runbook or tasks.md file, /skill k=v, a command) or --sh "command"');
  }
  const timeoutMs = values.timeout ? parseDuration(values.timeout, '--timeout') : undefined;
  const dryRun = Boolean(values['dry-run']);
  const core = await createCore({ ...databaseOptions(values), runWorkers: !values.detach && !dryRun });
  const { interrupts, onInterrupt } = followInterrupts(core);
  process.on('SIGINT', onInterrupt);
  try {
    const text = values.sh !== undefined ? null : wordsToText(positionals);
    const outcome = text === null
      ? { status: 'compiled' as const, source: 'shell' as const, label: '--sh', plan: shellPlan(values.sh!, { cwd: values.cwd, timeoutMs }), params: {}, warnings: [], draft: false }
      : await compileAsking(core, text, compileOptions(values));
    if (outcome.status === 'needs-params') throw new UsageError(missingMessage(outcome));
    for (const warning of outcome.warnings) console.error(`warning: ${warning}`);
    if (dryRun) {
      console.log(values.json ? JSON.stringify({ plan: outcome.plan, params: maskSecretValues(outcome.plan.params ?? {}, outcome.params) }, null, 2)
        : planSummary(outcome, palette(process.stdout)));
      return 0;
    }
    if (outcome.draft && !(await approveDraft(outcome))) return 2;
    const { run, created } = await core.runs.enqueue({
      plan: outcome.plan, params: outcome.params, source: outcome.label, lane: values.lane, sessionId: parseInteger(values.session, '--session'),
      // A typed command is stored as a 'command' plan: kept out of the app's list of plans to pick from.
      kind: outcome.source === 'shell' ? 'command' : 'plan',
      priority: parseInteger(values.priority, '--priority'), maxAttempts: parseInteger(values['max-attempts'], '--max-attempts'),
      idempotencyKey: values['idempotency-key'],
    });
    interrupts.runId = run.id;
    if (!created) console.error(`run ${run.id} already exists for this idempotency key (${run.status})`);
    if (values.detach) return console.log(run.id), 0;
    return await follow(core, run, Boolean(values.json), interrupts);
  } finally {
    await core.close();
    process.off('SIGINT', onInterrupt);
  }
}

/**
 * Ctrl-C while a run is followed: the first cancels the run (interrupts.runId, once set), the second stops
 * following, any later one stops the steps at once. The handler stays through close(): Node's default would
 * kill this process and orphan the steps.
 */
export function followInterrupts(core: Core) {
  const interrupts = { count: 0, runId: 0, stopFollowing: new AbortController(), note: (text: string) => console.error(text) };
  const onInterrupt = () => {
    interrupts.count++;
    if (interrupts.count === 1 && interrupts.runId) {
      interrupts.note(`cancelling run ${interrupts.runId}... (Ctrl-C again to leave now)`);
      core.runs.cancel(interrupts.runId).catch((error: Error) => interrupts.note(error.message));
    } else if (interrupts.count === 2) interrupts.stopFollowing.abort();
    else void core.close({ graceMs: 0 });
  };
  return { interrupts, onInterrupt };
}

/** Compiles the text; secret parameters still missing are asked for at the terminal, without echo. */
async function compileAsking(core: Core, text: string, options: CompileOptions): Promise<CompileOutcome> {
  const outcome = await core.compile.preview(text, options);
  if (outcome.status !== 'needs-params' || !process.stdin.isTTY) return outcome;
  if (!outcome.missing.every((name) => outcome.params[name]!.type === 'secret')) return outcome;
  const asked: Record<string, string> = {};
  for (const name of outcome.missing) asked[name] = await askHidden(`${outcome.label}: ${name} (secret, not shown): `);
  return core.compile.preview(text, { ...options, params: { ...options.params, ...asked } });
}

/** A natural-language draft is shown in full and runs only when the person at the terminal says yes. */
async function approveDraft(outcome: Extract<CompileOutcome, { status: 'compiled' }>): Promise<boolean> {
  console.log(planSummary(outcome, palette(process.stdout)));
  if (!process.stdin.isTTY) {
    console.error('opsroom: a drafted plan never runs unseen, and no terminal is here to ask: save it with '
      + '"opsroom compile \"? …\" > plan.opsplan.json", read it, then run the file');
    return false;
  }
  const answer = await ask('Run this drafted plan? [y/N] ');
  return /^y(es)?$/i.test(answer.trim());
}

export async function follow(core: Core, run: Run, asJson: boolean,
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

