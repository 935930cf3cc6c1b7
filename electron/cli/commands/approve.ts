import { createHash } from 'node:crypto';
import type { Approval } from '../../../shared/domain/approval.ts';
import { canonicalJson } from '../../../shared/domain/canonical-json.ts';
import { CoreError, createCore, type Core } from '../../core/index.ts';
import { shownLines } from '../approval-lines.ts';
import { DATABASE_OPTIONS, UsageError, databaseOptions, parse, requireId } from '../args.ts';
import { json, palette, table } from '../format.ts';

export const APPROVE_HELP = `opsroom approve RUN STEP [--comment TEXT] [--as NAME]
  prints what the step shows (prompt, evidence, diff), then approves exactly that (its sha256)
  --comment TEXT     why (kept in the proof)
  --as NAME          who decides (default: your user@host)
  --json             the recorded decision as JSON`;

export const REJECT_HELP = `opsroom reject RUN STEP [--comment TEXT] [--as NAME]
  prints what the step shows, then rejects it: the step fails (and the run, unless it may continue)`;

export const APPROVALS_HELP = `opsroom approvals            approvals waiting for a decision
  --all                         recent ones too, decided or not
  --json                        machine-readable output`;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A core without workers; on an embedded database the app may hold, say where to decide instead. */
async function openCore(values: { 'data-dir'?: string; 'database-url'?: string }): Promise<Core> {
  try {
    return await createCore({ ...databaseOptions(values), runWorkers: false });
  } catch (error) {
    if (error instanceof CoreError && error.code === 'DATA_DIR_IN_USE') {
      throw new CoreError(error.code, `${error.message}. While the app (or \`opsroom serve\`) runs on this data folder, ` +
        'decide in its run view or from the tray; the CLI decides on a shared PostgreSQL (--database-url) any time');
    }
    throw error;
  }
}

function decideCommand(decision: 'approve' | 'reject') {
  return async (argv: string[]): Promise<number> => {
    const { values, positionals } = parse(argv, {
      ...DATABASE_OPTIONS, comment: { type: 'string' }, as: { type: 'string' }, json: { type: 'boolean' },
    });
    if (values.help) return console.log(decision === 'approve' ? APPROVE_HELP : REJECT_HELP), 0;
    const runId = requireId(positionals[0], 'run id');
    const stepId = positionals[1];
    if (!stepId) throw new UsageError(`give the step that asks: opsroom ${decision} ${runId} STEP (opsroom approvals lists them)`);
    const core = await openCore(values);
    try {
      const approval = await core.approvals.get(runId, stepId);
      const c = palette(process.stdout);
      if (!values.json) console.log(shownLines(approval.shown, c).join('\n'));
      // The digest of the document just printed, taken here: the decision holds for exactly what was shown.
      const shownSha256 = sha256(canonicalJson(approval.shown));
      const decided = await core.approvals.decide({ runId, stepId, decision, shownSha256, by: values.as, comment: values.comment });
      console.log(values.json ? json(decided) : decidedLine(decided, c));
      return 0;
    } finally {
      await core.close();
    }
  };
}

const decidedLine = (a: Approval, c: ReturnType<typeof palette>) =>
  `${a.status === 'approved' ? c.green('approved') : c.red('rejected')} run ${a.runId} step ${a.stepId} as ${a.decidedBy}` +
  `${a.comment ? ` ("${a.comment}")` : ''} for sha256:${a.approvedSha256}`;

export const approveCommand = decideCommand('approve');
export const rejectCommand = decideCommand('reject');

export async function approvalsCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { ...DATABASE_OPTIONS, all: { type: 'boolean' }, json: { type: 'boolean' } }, false);
  if (values.help) return console.log(APPROVALS_HELP), 0;
  const core = await openCore(values);
  try {
    const approvals = await core.approvals.list({ pending: !values.all });
    if (values.json) return console.log(json(approvals)), 0;
    if (!approvals.length) return console.log(values.all ? 'no approvals yet' : 'nothing waits for a decision'), 0;
    console.log(table(['RUN', 'STEP', 'STATUS', 'ASKED', 'EXPIRES', 'PROMPT'], approvals.map((a) => [
      String(a.runId), a.stepId, a.status, a.requestedAt.toISOString().slice(0, 19), a.expiresAt?.toISOString().slice(0, 19) ?? '-',
      `${a.prompt.split('\n')[0]} (${a.runTitle})`,
    ])));
    if (!values.all) console.log('\nopsroom approve RUN STEP shows what is asked and approves it; opsroom reject RUN STEP rejects it');
    return 0;
  } finally {
    await core.close();
  }
}
