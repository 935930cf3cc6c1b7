import type { PurgeReport, RetentionPolicy } from '../../../shared/domain/retention.ts';
import { createCore } from '../../core/index.ts';
import { DATABASE_OPTIONS, UsageError, databaseOptions, parse, parseInteger, requireId } from '../args.ts';
import { duration, json } from '../format.ts';

export const RETENTION_HELP = `opsroom retention show                  how long runs and proofs are kept, and the last purge
opsroom retention set [options]         change the policy (kept in <data dir>/settings.json)
  --runs-days N|off                     purge finished runs N days after they finished (off: keep them)
  --proofs-days N|off                   keep proofs (and their runs, trimmed) N days instead, N >= runs days
  --session ID --days N|off             a session's own runs period (off: the global one again)
opsroom retention purge [--dry-run]     purge what is due now, then VACUUM; --dry-run only counts
  --json                                machine-readable output

Long-lived processes (the app, opsroom serve, opsroom worker) purge once a day on their own.`;

/** "off" (or "none") removes a period; anything else must be a whole number of days. */
function days(text: string | undefined, flag: string): number | null | undefined {
  if (text === undefined) return undefined;
  if (['off', 'none', 'forever'].includes(text.trim().toLowerCase())) return null;
  const n = parseInteger(text, flag)!;
  if (n < 1) throw new UsageError(`${flag} takes a number of days of at least 1, or off (got "${text}")`);
  return n;
}

const period = (n: number | null) => (n === null ? 'kept forever' : `${n} day${n === 1 ? '' : 's'}`);
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

export function policyLines(policy: RetentionPolicy): string[] {
  const lines = [`runs:   ${period(policy.runsDays)} after they finish`,
    `proofs: ${policy.proofsDays === null ? 'with their runs' : `${period(policy.proofsDays)} (the run is trimmed to its proofs first)`}`];
  for (const s of policy.sessions) lines.push(`session ${s.id} (${s.title}): runs ${period(s.retentionDays)}`);
  const last = policy.lastPurge;
  lines.push(last ? `last purge: ${last.startedAt.toISOString().slice(0, 16)}, ${last.runsDeleted} runs, ${last.events} events removed`
    : 'last purge: never');
  return lines;
}

export function reportLines(r: PurgeReport): string[] {
  const verb = r.dryRun ? 'would purge' : 'purged';
  return [
    `${verb} ${r.runsDeleted} runs, ${r.events} events, ${r.artifacts} artifacts, ${r.proofs} proofs` +
      `${r.runsTrimmed ? `; ${r.dryRun ? 'would trim' : 'trimmed'} ${r.runsTrimmed} runs to their proofs` : ''}` +
      `${r.secretFiles ? `; ${r.secretFiles} secret parameter files deleted` : ''}`,
    `${r.batches} batches, longest ${duration(r.maxBatchMs)}; took ${duration(r.durationMs)}${r.complete ? '' : ' (time budget spent: run it again to go on)'}`,
    ...(r.vacuum ? [`vacuumed ${r.vacuum.tables.join(', ')}${r.vacuum.compacted.length ? ` (compacted ${r.vacuum.compacted.join(', ')})` : ''} in ${duration(r.vacuum.ms)}`] : []),
    r.dryRun ? `database: ${mb(r.sizeBefore)}` : `database: ${mb(r.sizeBefore)} -> ${mb(r.sizeAfter)}`,
  ];
}

export async function retentionCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...DATABASE_OPTIONS, 'runs-days': { type: 'string' }, 'proofs-days': { type: 'string' }, session: { type: 'string' },
    days: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' },
  });
  if (values.help) return console.log(RETENTION_HELP), 0;
  const [action = 'show'] = positionals;
  if (!['show', 'set', 'purge'].includes(action)) throw new UsageError(`unknown action "${action}" (show, set, purge)`);
  const runsDays = days(values['runs-days'], '--runs-days');
  const proofsDays = days(values['proofs-days'], '--proofs-days');
  const sessionId = values.session === undefined ? undefined : requireId(values.session, 'session id');
  const sessionDays = days(values.days, '--days');
  if (action === 'set') {
    if ((sessionId === undefined) !== (sessionDays === undefined)) throw new UsageError('--session ID and --days N go together');
    if (runsDays === undefined && proofsDays === undefined && sessionId === undefined) {
      throw new UsageError('say what to set: --runs-days, --proofs-days, or --session ID --days N');
    }
  }
  const core = await createCore({ ...databaseOptions(values), runWorkers: false });
  try {
    if (action === 'purge') {
      const report = await core.retention.purge({ dryRun: values['dry-run'] });
      console.log(values.json ? json(report) : reportLines(report).join('\n'));
      return 0;
    }
    let policy = action === 'set' && (runsDays !== undefined || proofsDays !== undefined)
      ? await core.retention.setPolicy({ runsDays, proofsDays }) : await core.retention.policy();
    if (sessionId !== undefined) policy = await core.retention.setSessionRetention(sessionId, sessionDays ?? null);
    console.log(values.json ? json(policy) : policyLines(policy).join('\n'));
    return 0;
  } finally {
    await core.close();
  }
}
