import type { Approval, ApprovalRecord, ApprovalRequestedPayload } from '../../../../shared/domain/approval.ts';
import { ApprovalInputSchema, type ApprovalInput } from '../../../../shared/ir/operations.ts';
import type { Plan } from '../../../../shared/ir/plan.ts';
import type { SecretSource } from '../../mcp/server-env.ts';
import type { Store } from '../../queue/store.ts';
import type { ApprovalKey } from '../../queue/statements/approvals.ts';
import { resolveSecretParams } from '../../runs/secret-params.ts';
import { secretMask, type SecretMask } from '../secret-mask.ts';
import { STOPPED, type StepContext, type StepHandler, type StepResult, type StopReason } from '../step-handler.ts';
import { pause } from '../step-timing.ts';
import { buildShownDocument } from './shown-document.ts';

export type ApprovalStore = Pick<Store, 'getRun' | 'getPlan' | 'listProofs' | 'requestApproval' | 'pollApproval' | 'cancelApproval'>;

/** Where approvals are stored, and where the run's secret parameters are (to mask them in what is shown). */
export interface ApprovalDeps {
  store: ApprovalStore;
  secrets: SecretSource;
}

/** How often a waiting step reads its row: a decision shows within half a second, at one cheap read each. */
export const APPROVAL_POLL_MS = 300;

/**
 * The built-in `approval` tool: stores the document it shows (and its digest) as a pending approval, says so
 * in the log (the event notifications watch), then waits, reading its row, until someone decides, its
 * timeout expires it, or the step is stopped. Its result is the decision record the `approval` verifier
 * judges; the step succeeds only through that verifier.
 */
export function approvalTool({ store, secrets }: ApprovalDeps, pollMs = APPROVAL_POLL_MS): StepHandler<ApprovalInput> {
  return {
    tool: 'approval',
    inputSchema: ApprovalInputSchema,
    async run(input, ctx) {
      const [{ run, steps }, proofs] = await Promise.all([store.getRun(ctx.runId), store.listProofs(ctx.runId)]);
      const { plan, contentHash } = await store.getPlan(run.planId);
      const step = plan.steps.find((s) => s.id === ctx.stepId);
      if (!step) return { ok: false, error: `step ${ctx.stepId} is not in the run's plan` };
      let built;
      try {
        const mask = await runSecretMask(plan, run.input, secrets);
        built = buildShownDocument({ run, steps, plan, planSha256: contentHash, proofs, step, input, mask });
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      }
      const key: ApprovalKey = { runId: ctx.runId, stepId: ctx.stepId, attempt: ctx.attempt };
      const stored = await store.requestApproval({ ...key, prompt: built.shown.prompt, shown: built.shown, shownSha256: built.shownSha256,
        timeoutMs: input.timeoutMs ?? null, onTimeout: input.onTimeout ?? 'fail' });
      if (!stored) return { ok: false, error: 'the run is no longer running: nobody can be asked' };
      announce(stored.approval, stored.fresh, ctx);
      const ended = await waitForDecision(store, key, stored.approval, ctx.signal, pollMs);
      if (typeof ended === 'string') {
        // Drained or lost, the run is taken back and asks again: the row stays pending for that.
        if (ended === 'cancel' || ended === 'timeout') {
          const why = `nobody decided: the ${ended === 'cancel' ? 'run was cancelled' : 'step timed out'}`;
          await store.cancelApproval(key, why).catch(() => undefined);
          ctx.log('warn', `approval ${why}`, { approval: 'cancelled', stepId: ctx.stepId, shownSha256: built.shownSha256 });
        }
        return { ok: false, error: STOPPED[ended] };
      }
      return decided(ended, step.verify.some((v) => v.kind === 'approval'), ctx);
    },
  };
}

/**
 * The run's secret parameter values as the executor masks them in everything the run writes. The shown document
 * is masked with it before it is hashed: stored, shown to people and proven as it is masked (masked afterwards by
 * the executor, the step's result and proof would no longer hash to the digest decided on, and the approvals
 * table would hold the value of a secret quoted in the prompt or the diff).
 */
async function runSecretMask(plan: Plan, runInput: Record<string, unknown>, secrets: SecretSource): Promise<SecretMask | null> {
  const params = await resolveSecretParams(plan, runInput, secrets);
  if ('missing' in params) throw new Error(`the value of secret parameter ${params.missing} is no longer stored`);
  return secretMask(params.secretValues);
}

function announce(approval: Approval, fresh: boolean, ctx: StepContext): void {
  if (approval.status !== 'pending') return; // decided before this try (the run was taken back and runs again)
  const payload: ApprovalRequestedPayload = { approval: 'requested', stepId: ctx.stepId, shownSha256: approval.shownSha256, prompt: approval.prompt };
  const until = approval.expiresAt ? ` (until ${approval.expiresAt.toISOString()}, then ${approval.onTimeout})` : '';
  ctx.log('info', `${fresh ? 'waiting for approval' : 'still waiting for approval'}: ${approval.prompt}${until} — ` +
    `approve in the run view or: opsroom approve ${ctx.runId} ${ctx.stepId}`, { ...payload });
}

/** The decided (or expired) row, or why the wait was stopped. A read that fails is tried again next poll. */
async function waitForDecision(store: ApprovalStore, key: ApprovalKey, first: Approval, signal: AbortSignal, pollMs: number):
  Promise<Approval | StopReason> {
  let row: Approval | null = first;
  for (;;) {
    if (row && row.status !== 'pending') return row;
    if (!(await pause(pollMs, signal))) return signal.reason as StopReason;
    row = await store.pollApproval(key).catch(() => row);
  }
}

/** The decision as the step's result. Without an `approval` verifier to record a rejection as a failed
 * proof, a rejection (or a timeout that fails) fails the call itself. */
function decided(row: Approval, hasVerifier: boolean, ctx: StepContext): StepResult {
  const decision = row.status === 'approved' || row.status === 'rejected' ? row.status : 'expired';
  const record: ApprovalRecord = {
    decision, by: row.decidedBy, at: row.decidedAt?.toISOString() ?? null, comment: row.comment, onTimeout: row.onTimeout,
    requestedAt: row.requestedAt.toISOString(), expiresAt: row.expiresAt?.toISOString() ?? null,
    shownSha256: row.shownSha256, approvedSha256: row.approvedSha256, shown: row.shown,
  };
  const said = decision === 'expired' ? `nobody decided by ${record.at} (on timeout: ${row.onTimeout})`
    : `${decision} by ${row.decidedBy}${row.comment ? `: ${row.comment}` : ''}`;
  ctx.log(decision === 'approved' ? 'info' : 'warn', said, { approval: decision, stepId: ctx.stepId, by: row.decidedBy, shownSha256: row.shownSha256 });
  const passes = decision === 'approved' || (decision === 'expired' && row.onTimeout === 'continue');
  return passes || hasVerifier ? { ok: true, result: record } : { ok: false, error: said, result: record };
}
