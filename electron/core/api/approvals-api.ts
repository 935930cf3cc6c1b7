import { hostname, userInfo } from 'node:os';
import type { Approval, PendingApproval } from '../../../shared/domain/approval.ts';
import { CoreError } from '../errors.ts';
import type { Store } from '../queue/store.ts';

export interface DecideInput {
  runId: number;
  stepId: string;
  decision: 'approve' | 'reject';
  /** The sha256 of the document the person was shown: the decision holds only for it. */
  shownSha256: string;
  /** Who decides; default the OS user at this host (user@host). */
  by?: string;
  comment?: string;
}

export interface ApprovalsApi {
  /** Newest first; `pending`: only those waiting, of runs not yet finished; `runId`: one run's. */
  list(filter?: { pending?: boolean; runId?: number }): Promise<PendingApproval[]>;
  /** The latest attempt's approval of a run's step. */
  get(runId: number, stepId: string): Promise<Approval>;
  /** Approves or rejects, for the digest the person was shown; refused (nothing changes) if it is not what
   * the step waits on, already decided, expired, or the run has ended. */
  decide(input: DecideInput): Promise<Approval>;
}

/** The person at this machine, as the OS names them: what a decision records when no name is given. */
export function localDecider(): string {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    user = process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
  return `${user}@${hostname()}`;
}

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);
const short = (sha: string) => `sha256:${sha.slice(0, 12)}…`;

export function approvalsApi(store: Store): ApprovalsApi {
  const get = async (runId: number, stepId: string) => {
    const found = await store.getApproval(runId, stepId);
    if (found) return found;
    await store.getRun(runId); // UNKNOWN_RUN for a run that does not exist
    throw new CoreError('INVALID_STATE', `run ${runId} has no approval at step "${stepId}": no approval step of that name has asked yet`);
  };
  return {
    list: (filter = {}) => store.listApprovals(filter),
    get: async (runId, stepId) => (await get(runId, stepId)).approval,
    async decide(input) {
      if (!/^[0-9a-f]{64}$/.test(input.shownSha256)) {
        throw new CoreError('INVALID_INPUT', `a decision quotes the sha256 of what was shown (64 lowercase hex digits), not "${input.shownSha256}"`);
      }
      const by = input.by?.trim() || localDecider();
      const comment = input.comment?.trim() || null;
      if (by.length > 200) throw new CoreError('INVALID_INPUT', `who decides is at most 200 characters (got ${by.length})`);
      if (comment && comment.length > 2000) throw new CoreError('INVALID_INPUT', `a comment is at most 2000 characters (got ${comment.length})`);
      const decided = await store.decideApproval({
        runId: input.runId, stepId: input.stepId, decision: input.decision === 'approve' ? 'approved' : 'rejected',
        shownSha256: input.shownSha256, by, comment,
      });
      if (decided) return decided;
      // Nothing was changed: say which condition failed, reading the row as it is now.
      const { approval, runStatus } = await get(input.runId, input.stepId);
      throw refusal(approval, runStatus, input.shownSha256);
    },
  };
}

function refusal(approval: Approval, runStatus: string, quoted: string): CoreError {
  const where = `the approval of run ${approval.runId} at step "${approval.stepId}"`;
  if (approval.status === 'approved' || approval.status === 'rejected') {
    return new CoreError('INVALID_STATE', `${where} was already ${approval.status} by ${approval.decidedBy} at ${approval.decidedAt?.toISOString()}`);
  }
  if (FINISHED.has(runStatus)) return new CoreError('INVALID_STATE', `run ${approval.runId} has ${runStatus}: nothing waits for ${where} any more`);
  if (approval.status === 'expired' || (approval.expiresAt && approval.expiresAt <= new Date() && approval.status === 'pending')) {
    return new CoreError('INVALID_STATE', `${where} expired at ${approval.expiresAt?.toISOString()} (on timeout: ${approval.onTimeout})`);
  }
  if (approval.status === 'cancelled') return new CoreError('INVALID_STATE', `${where} no longer waits: ${approval.comment}`);
  return new CoreError('INVALID_STATE', `void: you were shown ${short(quoted)} but the step asks about ${short(approval.shownSha256)}; ` +
    'the evidence changed since it was shown: look at it again and decide on what it is now');
}
