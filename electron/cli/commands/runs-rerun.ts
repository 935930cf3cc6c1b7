import type { Run } from '../../../shared/domain/run.ts';
import { RERUN_KIND_LABELS } from '../../../shared/domain/rerun.ts';
import { createCore, type RerunInput } from '../../core/index.ts';
import { UsageError, databaseOptions, parsePairs, requireId } from '../args.ts';
import { follow, followInterrupts } from './run.ts';

export const RERUN_ACTIONS = ['rerun', 'resume', 'reprove'] as const;
export type RerunAction = typeof RERUN_ACTIONS[number];

export const RERUN_HELP = `opsroom runs rerun ID [--from STEP | --failed] [--param NAME=VALUE…]
                                a new run of run ID's plan, linked to it (run ID is not changed):
                                the whole plan; --failed: only what did not succeed; --from STEP: STEP
                                and everything downstream; --param: new values (the rest as before)
opsroom runs resume ID          = rerun ID --failed: steps that succeeded are re-checked, not run again
opsroom runs reprove ID         is it still true? run ID's verifiers again against live state, no action

  --follow           follow the new run live (the default; exit 0 succeeded, 1 failed, 3 cancelled)
  --detach           queue it, print its id and exit`;

/** The options the rerun actions add to `opsroom runs`. */
export const RERUN_OPTIONS = {
  from: { type: 'string' }, failed: { type: 'boolean' }, param: { type: 'string', multiple: true },
  follow: { type: 'boolean' }, detach: { type: 'boolean' },
} as const;

interface RerunValues {
  from?: string;
  failed?: boolean;
  param?: string[];
  follow?: boolean;
  detach?: boolean;
  json?: boolean;
  'data-dir'?: string;
  'database-url'?: string;
}

/** What the action and its options ask the core for; usage mistakes are refused before the database opens. */
export function rerunAsk(action: RerunAction, values: RerunValues): RerunInput | 'reprove' {
  const params = parsePairs(values.param ?? [], '--param');
  const edited = Object.keys(params).length > 0;
  if (values.follow && values.detach) throw new UsageError('--follow and --detach: choose one');
  if (action === 'reprove') {
    if (values.from !== undefined || values.failed || edited) throw new UsageError('reprove repeats no action: it takes no --from, --failed or --param');
    return 'reprove';
  }
  const failed = action === 'resume' || Boolean(values.failed);
  if (failed && values.from !== undefined) throw new UsageError('--failed and --from: choose one (resume from what failed, or from a step)');
  if (failed && edited) {
    throw new UsageError('a resume reuses outcomes recorded with the old values: with new --param values, rerun --from STEP');
  }
  if (action === 'resume' && values.failed) throw new UsageError('resume already runs only what failed: drop --failed');
  if (edited) return { kind: 'edit', fromStep: values.from, params, paramsAreText: true };
  if (failed) return { kind: 'resume' };
  return values.from === undefined ? { kind: 'rerun' } : { kind: 'from-step', fromStep: values.from };
}

/** `opsroom runs rerun|resume|reprove ID`: queues the new run, prints its id and what it repeats, follows it. */
export async function rerunCommand(action: RerunAction, idText: string | undefined, values: RerunValues): Promise<number> {
  const id = requireId(idText, 'run id');
  const ask = rerunAsk(action, values);
  const core = await createCore({ ...databaseOptions(values), runWorkers: !values.detach });
  // Ctrl-C as in `opsroom run`: the first cancels the new run, the second stops following, a third stops at once.
  const { interrupts, onInterrupt } = followInterrupts(core);
  process.on('SIGINT', onInterrupt);
  try {
    const run = ask === 'reprove' ? await core.runs.reprove(id) : await core.runs.rerun(id, ask);
    interrupts.runId = run.id;
    if (values.detach) return console.log(run.id), 0;
    // stdout, before the log; with --json stdout holds only events.
    (values.json ? console.error : console.log)(queuedLine(run, id));
    return await follow(core, run, Boolean(values.json), interrupts);
  } finally {
    await core.close();
    process.off('SIGINT', onInterrupt);
  }
}

/** "run 14: resume of run 12 on lane A": the new run's id and what it repeats, printed first. */
const queuedLine = (run: Run, parentId: number): string =>
  `run ${run.id}: ${RERUN_KIND_LABELS[run.rerunKind ?? 'rerun']} of run ${parentId} on lane ${run.lane}`;
