import { RunStatusSchema, type Run } from '../../../shared/domain/run.ts';
import { maskedInput, shownParams } from '../../../shared/domain/secret-marker.ts';
import { createCore } from '../../core/index.ts';
import { DATABASE_OPTIONS, UsageError, databaseOptions, parse, parseInteger, parseSince, requireId } from '../args.ts';
import { eventLine, json, palette, runDuration, table, time } from '../format.ts';
import { lineageLines, stepRows } from './run-lineage.ts';
import { RERUN_ACTIONS, RERUN_HELP, RERUN_OPTIONS, rerunCommand, type RerunAction } from './runs-rerun.ts';
import { SEARCH_HELP, searchLogsCommand } from './runs-search.ts';

export const RUNS_HELP = `opsroom runs [filters]          list runs, newest first
opsroom runs show ID            a run, its steps, its reruns (and their drift) and its whole log
opsroom runs cancel ID          cancel a queued or running run
${RERUN_HELP}
${SEARCH_HELP}

  --status S[,S]     queued, running, succeeded, failed, cancelled
  --lane L[,L]       lanes
  --session ID       one session's runs
  --text TEXT        in the title or the error
  --since WHEN       a duration back (2h, 3d) or a date
  --limit N          at most N runs (default 50)
  --json             machine-readable output`;

const list = (text: string | undefined) => text?.split(',').map((s) => s.trim()).filter(Boolean);

export async function runsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...DATABASE_OPTIONS, status: { type: 'string' }, lane: { type: 'string' }, session: { type: 'string' },
    text: { type: 'string' }, since: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' },
    ...RERUN_OPTIONS,
    lines: { type: 'string' }, // issue 8: runs search
  });
  if (values.help) return console.log(RUNS_HELP), 0;
  const [action, idText] = positionals;
  if (RERUN_ACTIONS.includes(action as RerunAction)) return rerunCommand(action as RerunAction, idText, values);
  if (action !== undefined && action !== 'show' && action !== 'cancel' && action !== 'search') {
    throw new UsageError(`unknown action "${action}" (show, cancel, search, ${RERUN_ACTIONS.join(', ')}, or none to list)`);
  }
  const statuses = list(values.status)?.map((s) => {
    const parsed = RunStatusSchema.safeParse(s);
    if (!parsed.success) throw new UsageError(`unknown status "${s}" (${RunStatusSchema.options.join(', ')})`);
    return parsed.data;
  });
  const filter = {
    status: statuses, lane: list(values.lane), sessionId: parseInteger(values.session, '--session'),
    text: values.text, since: values.since ? parseSince(values.since) : undefined,
    limit: parseInteger(values.limit, '--limit') ?? 50,
  };
  const id = action && action !== 'search' ? requireId(idText, 'run id') : 0;
  const core = await createCore({ ...databaseOptions(values), runWorkers: false });
  try {
    if (action === 'search') {
      const { text: _, limit, ...narrow } = filter;
      await searchLogsCommand(core, positionals.slice(1).join(' '), narrow, { limit, lines: parseInteger(values.lines, '--lines'), json: values.json });
    } else if (action === 'cancel') {
      const run = await core.runs.cancel(id);
      console.log(values.json ? json(run) : `run ${id}: ${run.status === 'cancelled' ? 'cancelled' : 'cancel requested'}`);
    } else if (action === 'show') {
      const { run, steps } = await core.runs.get(id);
      const reruns = await core.runs.reruns(id);
      const events = [];
      for (let page = await core.runs.events(id, 0, 5000); page.length; page = await core.runs.events(id, page.at(-1)!.seq, 5000)) events.push(...page);
      if (values.json) console.log(json({ run: shownRun(run), steps, reruns, events }));
      else {
        console.log(`run ${run.id} · ${run.status} · lane ${run.lane} · attempt ${run.attempt}/${run.maxAttempts} · ${run.title}`);
        const params = shownParams(run.input);
        if (params.length) console.log(`params: ${params.join(' ')}`);
        if (run.error) console.log(`error: ${run.error}`);
        for (const line of lineageLines(run, reruns)) console.log(line);
        console.log(stepRows(steps));
        const c = palette(process.stdout);
        for (const event of events) console.log(eventLine(event, c));
      }
    } else {
      const runs = await core.runs.list(filter);
      console.log(values.json ? json(runs.map(shownRun)) : runs.length === 0 ? 'no runs match' : runTable(runs));
    }
    return 0;
  } finally {
    await core.close();
  }
}

/** A run as printed: a secret parameter's marker shown as `***`, like everywhere else. */
const shownRun = (run: Run): Run => ({ ...run, input: maskedInput(run.input) });

const runTable = (runs: Run[]) => table(['ID', 'STATUS', 'LANE', 'TRY', 'CREATED', 'TOOK', 'TITLE'],
  runs.map((r) => [String(r.id), r.status, r.lane, `${r.attempt}/${r.maxAttempts}`,
    `${r.createdAt.toISOString().slice(0, 10)} ${time(r.createdAt).slice(0, 8)}`, runDuration(r), r.title]));
