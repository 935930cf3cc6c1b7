import type { ScheduleFire, ScheduleSummary, ScheduleTarget } from '../../../shared/domain/schedule.ts';
import { cronHasSeconds, zonedTime } from '../../../shared/domain/zoned-time.ts';
import { createCore, notifyFromFlags, type Core } from '../../core/index.ts';
import { DATABASE_OPTIONS, UsageError, databaseOptions, parse, parseInteger, parsePairs, requireId } from '../args.ts';
import { wordsToText } from '../compile-input.ts';
import { json, table } from '../format.ts';

export const SCHEDULES_HELP = `opsroom schedules [list]        every schedule: cron, zone, next fire times, paused, last outcome
opsroom schedules add NAME --cron EXPR (--plan NAME | --skill NAME | -- COMMAND…) [options]
                               queue a stored plan (its newest version), a skill, or a command at each slot
  --cron EXPR                  5 fields (minute hour day-of-month month day-of-week), 6 with seconds first, or @daily…
  --tz ZONE                    IANA time zone the expression is read in (default: this machine's)
  --overlap skip|queue|replace a slot while the previous run has not ended: skip it (default), run it after, or
                               cancel the previous run
  --catch-up skip|once|all     slots missed while no scheduler ran (app closed, machine asleep): none, the newest
                               once (default), or each
  --catch-up-limit N           with --catch-up all: at most the newest N missed slots (default 10)
  --param NAME=VALUE           a parameter (repeatable); a secret's value goes to the secret store, not the database
  --lane NAME | --session ID   where the runs go (default: lane auto, no session)
  --notify-on EVENTS           success,failure,approval: tell about this schedule's runs (with --webhook: there)
  --webhook URL [--webhook-secret NAME]   POST each event as JSON, signed with the named secret
opsroom schedules pause NAME | resume NAME | rm NAME
opsroom schedules pause-all | resume-all     nothing fires while all are paused; resuming starts from now
opsroom schedules fires NAME    what became of its slots, newest first
  --json                       machine-readable output
  --data-dir DIR | --database-url URL
Schedules fire while the app, \`opsroom serve\` or \`opsroom worker\` runs; slots missed meanwhile follow --catch-up.`;

const ACTIONS = ['list', 'add', 'pause', 'resume', 'rm', 'pause-all', 'resume-all', 'fires'];

export async function schedulesCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...DATABASE_OPTIONS, json: { type: 'boolean' }, cron: { type: 'string' }, tz: { type: 'string' }, overlap: { type: 'string' },
    'catch-up': { type: 'string' }, 'catch-up-limit': { type: 'string' }, lane: { type: 'string' }, session: { type: 'string' },
    param: { type: 'string', multiple: true }, plan: { type: 'string' }, skill: { type: 'string' },
    'notify-on': { type: 'string' }, webhook: { type: 'string' }, 'webhook-secret': { type: 'string' }, limit: { type: 'string' },
  });
  if (values.help) return console.log(SCHEDULES_HELP), 0;
  const [action = 'list', name, ...words] = positionals;
  if (!ACTIONS.includes(action)) throw new UsageError(`unknown action "${action}" (${ACTIONS.join(', ')})`);
  if (!['list', 'pause-all', 'resume-all'].includes(action) && !name) throw new UsageError(`give the schedule's name, e.g. opsroom schedules ${action} nightly-backup`);
  if (action !== 'add' && words.length) throw new UsageError(`unexpected "${words.join(' ')}" after the name`);
  const add = action === 'add' ? addInput(name!, words, values) : null;
  const core = await createCore({ ...databaseOptions(values), runWorkers: false });
  try {
    const out = (value: unknown, text: string) => console.log(values.json ? json(value) : text);
    switch (action) {
      case 'list': {
        const list = await core.schedules.list();
        out(list, listText(list.schedules, list.pausedAll));
        break;
      }
      case 'add': {
        const added = await core.schedules.add(add!, { cwd: process.cwd() });
        out(added, `schedule ${added.name} added: ${targetText(added.target)}, ${added.cron} in ${added.timezone}\nnext: ${nextText(added, 3)}`);
        break;
      }
      case 'pause':
      case 'resume': {
        const changed = action === 'pause' ? await core.schedules.pause(name!) : await core.schedules.resume(name!);
        out(changed, `schedule ${changed.name} ${changed.paused ? 'paused' : `resumed; next: ${nextText(changed, 1)}`}`);
        break;
      }
      case 'rm':
        out(await core.schedules.remove(name!), `schedule ${name} removed (its runs stay)`);
        break;
      case 'pause-all':
      case 'resume-all': {
        const state = action === 'pause-all' ? await core.schedules.pauseAll() : await core.schedules.resumeAll();
        out(state, state.pausedAll ? 'all schedules paused' : 'schedules resumed');
        break;
      }
      case 'fires':
        await printFires(core, name!, parseInteger(values.limit, '--limit') ?? 20, values.json ?? false);
        break;
    }
    return 0;
  } finally {
    await core.close();
  }
}

type Values = { cron?: string; tz?: string; overlap?: string; 'catch-up'?: string; 'catch-up-limit'?: string; lane?: string; session?: string;
  param?: string[]; plan?: string; skill?: string; 'notify-on'?: string; webhook?: string; 'webhook-secret'?: string };

/** The flags of `add` as the core's input, checked for what only the command line can get wrong. */
function addInput(name: string, words: string[], v: Values) {
  if (!v.cron) throw new UsageError('give the schedule\'s cron expression, e.g. --cron "0 3 * * *" (03:00 every day)');
  const targets = [v.plan !== undefined, v.skill !== undefined, words.length > 0].filter(Boolean).length;
  if (targets !== 1) throw new UsageError('give one target: --plan NAME, --skill NAME, or -- COMMAND TEXT');
  const target: ScheduleTarget = v.plan !== undefined ? { kind: 'plan', name: v.plan }
    : v.skill !== undefined ? { kind: 'skill', name: v.skill } : { kind: 'command', text: wordsToText(words) };
  const choice = <T extends string>(value: string | undefined, flag: string, allowed: readonly T[]): T | undefined => {
    if (value !== undefined && !allowed.includes(value as T)) throw new UsageError(`${flag} takes ${allowed.join(', ')} (got "${value}")`);
    return value as T | undefined;
  };
  return {
    name, cron: v.cron, timezone: v.tz, target,
    params: parsePairs(v.param ?? [], '--param'), paramsAreText: true,
    overlap: choice(v.overlap, '--overlap', ['skip', 'queue', 'replace'] as const),
    catchUp: choice(v['catch-up'], '--catch-up', ['skip', 'once', 'all'] as const),
    catchUpLimit: parseInteger(v['catch-up-limit'], '--catch-up-limit'),
    lane: v.lane,
    sessionId: v.session === undefined ? undefined : requireId(v.session, '--session'),
    notify: notifyFromFlags({ webhook: v.webhook, secret: v['webhook-secret'], on: v['notify-on'] }),
  };
}

const targetText = (target: ScheduleTarget): string =>
  (target.kind === 'plan' ? `plan "${target.name}"` : target.kind === 'skill' ? `/${target.name}` : target.text);

/** The next fire times as the schedule's zone tells them. */
const nextText = (s: ScheduleSummary, count: number): string =>
  s.nextFires.slice(0, count).map((d) => zonedTime(d, s.timezone, { seconds: cronHasSeconds(s.cron) })).join(', ') || 'never';

function lastText(s: ScheduleSummary): string {
  const fire = s.lastFire;
  if (!fire) return '-';
  const run = fire.runId !== null ? ` run ${fire.runId} ${fire.runStatus ?? '(purged)'}` : '';
  return `${zonedTime(fire.slot, s.timezone, { seconds: cronHasSeconds(s.cron) })} ${fire.outcome}${run}`;
}

function listText(schedules: ScheduleSummary[], pausedAll: boolean): string {
  if (schedules.length === 0) return 'no schedules (opsroom schedules add NAME --cron EXPR … adds one)';
  const rows = schedules.map((s) => [s.name, s.cron, s.timezone, targetText(s.target), s.paused ? 'paused' : 'active', nextText(s, 3), lastText(s)]);
  const head = pausedAll ? 'ALL SCHEDULES ARE PAUSED (opsroom schedules resume-all)\n' : '';
  return head + table(['NAME', 'CRON', 'ZONE', 'TARGET', 'STATE', 'NEXT', 'LAST'], rows);
}

async function printFires(core: Core, name: string, limit: number, asJson: boolean): Promise<void> {
  const fires: ScheduleFire[] = await core.schedules.fires(name, limit);
  if (asJson) return console.log(json(fires));
  if (fires.length === 0) return console.log(`schedule ${name} has not fired yet`);
  const zone = (await core.schedules.list()).schedules.find((s) => s.name === name)?.timezone;
  console.log(table(['SLOT', 'OUTCOME', 'RUN', 'DETAIL'], fires.map((f) => [
    zonedTime(f.slot, zone, { seconds: true }), f.outcome, f.runId === null ? '-' : `${f.runId} ${f.runStatus ?? '(purged)'}`, f.detail ?? '',
  ])));
}
