import type { Approval } from '../../../shared/domain/approval.ts';
import type { RunEvent } from '../../../shared/domain/run.ts';
import type { ApprovalInput } from '../../../shared/ir/operations.ts';
import type { Plan } from '../../../shared/ir/plan.ts';
import type { Core } from '../../../electron/core/index.ts';

/**
 * A change reviewed before it is applied: `plan` prints a diff, `review` shows it (with plan's proof) and
 * waits for a person, `apply` runs only after an approval, writing a marker line.
 */
export function reviewPlan(name: string, approval: Partial<ApprovalInput> = {}, extra: Partial<Plan> = {}): Plan {
  return {
    irVersion: 1,
    name,
    steps: [
      { id: 'plan', tool: 'shell', input: { command: 'printf -- "--- a/app.conf\\n+++ b/app.conf\\n-replicas: 2\\n+replicas: 3\\n"' }, verify: [{ kind: 'exit_code' }] },
      {
        id: 'review', tool: 'approval', needs: ['plan'],
        input: { prompt: 'Apply this change to production?', diff: '${steps.plan.stdout}', ...approval },
        verify: [{ kind: 'approval' }],
      },
      { id: 'apply', tool: 'shell', needs: ['review'], input: { command: 'echo applied' }, verify: [{ kind: 'exit_code' }] },
    ],
    ...extra,
  };
}

/** Resolves with the published "approval requested" event of the run's step (already published ones
 * included, through the stored events; only those after event `afterSeq`) and the stored approval. */
export async function waitForApproval(core: Core, runId: number, stepId: string, afterSeq = 0, timeoutMs = 60_000): Promise<{ event: RunEvent; approval: Approval }> {
  const isRequest = (e: RunEvent) => e.runId === runId && e.stepId === stepId && e.seq > afterSeq && e.payload?.approval === 'requested';
  const event = await new Promise<RunEvent>((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`run ${runId} did not ask for approval at ${stepId} within ${timeoutMs} ms`));
    }, timeoutMs);
    const done = (e: RunEvent) => {
      clearTimeout(timer);
      stop();
      resolve(e);
    };
    const stop = core.subscribe((events) => {
      const found = events.find(isRequest);
      if (found) done(found);
    });
    void core.runs.events(runId, afterSeq).then((stored) => {
      const found = stored.find(isRequest);
      if (found) done(found);
    });
  });
  return { event, approval: await core.approvals.get(runId, stepId) };
}

/** Resolves when the run has ended, with it. */
export const finished = (core: Core, runId: number) => core.runs.follow(runId, () => undefined);
