import type { Step } from '../../../shared/ir/plan.ts';
import type { ReferenceScope } from '../plans/resolve-references.ts';
import type { ClaimedRun, ReusedStep, StepSettlement, Store } from '../queue/store.ts';
import type { DagDeps } from './run-dag.ts';
import type { Outcome } from './run-outcome.ts';
import { checksLiveState } from './precheck.ts';
import { proveStep } from './prove-step.ts';
import { NO_OUTPUTS } from './step-outputs.ts';

export interface ReuseDeps extends DagDeps {
  store: DagDeps['store'] & Pick<Store, 'listReusedSteps'>;
}

/** Reused steps all still hold (settled, their outputs in scope), or the run ended here (refused, re-proved). */
export type ReuseResult = { settled: string[] } | { outcome: Outcome };

interface Rechecked { reused: ReusedStep; idx: number; checked: number; drift: string | null }

/**
 * A rerun's reused steps (runs.reuse), before any action: each re-checked against live state (every verifier,
 * resolved against the recorded outputs and the run's parameters; proofs phase 'recheck' linked to the source
 * proofs). All holding: each is settled 'succeeded' by reuse with its outputs copied, and the rest of the DAG
 * runs. One not holding: nothing runs (resume refused). A re-prove (rerun_kind 'reprove') never runs anything:
 * it ends here, failed with the drift when a re-check does not hold.
 */
export async function settleReused(claimed: ClaimedRun, scope: ReferenceScope, signal: AbortSignal, deps: ReuseDeps): Promise<ReuseResult> {
  const { run, plan, fence } = claimed;
  if (!run.rerunKind) return { settled: [] };
  const reprove = run.rerunKind === 'reprove';
  const indexOf = new Map(plan.steps.map((step, idx) => [step.id, idx]));
  const listed = (await deps.store.listReusedSteps(run.id)).filter((reused) => indexOf.has(reused.stepId))
    .map((reused) => ({ reused, idx: indexOf.get(reused.stepId)! })).sort((a, b) => a.idx - b.idx);
  if (listed.length === 0 && !reprove) return { settled: [] };
  // All recorded outputs first: a re-check may read a step it needs (a hash that step printed).
  for (const { reused } of listed) if (reused.outputs) scope.steps[reused.stepId] = reused.outputs;

  const rechecked: Rechecked[] = [];
  for (const { reused, idx } of listed) {
    if (signal.aborted) return { settled: [] }; // the DAG records the stop; nothing was settled
    const verdict = await recheck(plan.steps[idx]!, reused, scope, claimed, signal, deps);
    if (verdict === 'lost') return { outcome: { status: 'lost' } };
    rechecked.push({ reused, idx, ...verdict });
  }
  if (signal.aborted) return { settled: [] };

  const drifted = rechecked.filter((r) => r.drift !== null);
  const settled = await deps.store.settleSteps(fence, rechecked.map((r) => settlement(plan.steps[r.idx]!, r, reprove)));
  if (rechecked.length > 0 && settled.length === 0) return { outcome: { status: 'lost' } };
  deps.publish(settled);
  if (!reprove && drifted.length === 0) return { settled: rechecked.map((r) => r.reused.stepId) };

  const first = drifted[0];
  const error = reprove
    ? (drifted.length ? `drift: ${drifted.map((r) => `step ${r.reused.stepId} no longer holds — ${r.drift}`).join('; ')}` : null)
    : refusal(drifted);
  const sourceRun = run.parentRunId ?? first?.reused.sourceRunId;
  const why = reprove ? `not proven in run ${sourceRun}: nothing to re-prove`
    : `not started: resume refused: step ${first!.reused.stepId}'s recorded outcome no longer holds`;
  const left = plan.steps.flatMap((step, idx) => (rechecked.some((r) => r.idx === idx) ? [] : [idx]));
  const skipped = await deps.store.skipSteps(fence, left, why);
  if (left.length > 0 && skipped.length === 0) return { outcome: { status: 'lost' } };
  deps.publish(skipped);
  return { outcome: error ? { status: 'failed', error } : { status: 'succeeded' } };
}

/** "resume refused: step a's recorded outcome (run N) no longer holds — …; rerun from a: opsroom runs rerun N --from a" */
function refusal(drifted: Rechecked[]): string {
  const [first, ...more] = drifted;
  const { stepId, sourceRunId } = first!.reused;
  const also = more.map((r) => `; step ${r.reused.stepId}'s recorded outcome (run ${r.reused.sourceRunId}) no longer holds either — ${r.drift}`).join('');
  return `resume refused: step ${stepId}'s recorded outcome (run ${sourceRunId}) no longer holds — ${first!.drift}${also}; rerun from ${stepId}: opsroom runs rerun ${sourceRunId} --from ${stepId}`;
}

function settlement(step: Step, r: Rechecked, reprove: boolean): StepSettlement {
  const { sourceRunId, outputs } = r.reused;
  const base = { idx: r.idx, settledBy: 'reuse' as const, outputs, reusedFrom: sourceRunId };
  if (r.drift !== null) {
    const reason = `its recorded outcome (run ${sourceRunId}) no longer holds — ${r.drift}`;
    return { ...base, status: 'failed', reason, message: `step ${step.id} failed: ${reason}` };
  }
  const how = r.checked ? `re-checked by ${r.checked} verifier${r.checked === 1 ? '' : 's'}` : 'nothing to re-check';
  const reason = `its recorded outcome (run ${sourceRunId}) still holds, ${how}`;
  return { ...base, status: 'succeeded', reason, message: `step ${step.id} ${reprove ? 're-proved' : 'settled by reuse'}: ${reason}` };
}

/**
 * One reused step's verifiers run again. An approval is a recorded decision, not live state: it is not asked
 * again. A source settled by its pre-check never ran, so only its live-state verifiers are re-checked; a source
 * that was itself reused re-checked only some (its origin may be a pre-check further back, with no exit code):
 * beyond live state, only those it has a proof of.
 */
async function recheck(step: Step, reused: ReusedStep, scope: ReferenceScope, claimed: ClaimedRun, signal: AbortSignal, deps: ReuseDeps):
  Promise<{ checked: number; drift: string | null } | 'lost'> {
  if (reused.sourceStatus === null) return { checked: 0, drift: `run ${reused.sourceRunId} no longer holds a record of the step` };
  if (reused.sourceStatus !== 'succeeded') {
    return { checked: 0, drift: `it did not succeed in run ${reused.sourceRunId} (it ${reused.sourceStatus === 'skipped' ? 'was skipped' : reused.sourceStatus})` };
  }
  if (reused.outputs === null && step.verify.some((v) => v.kind === 'exit_code' || v.kind === 'output')) {
    // A run stored before outputs were kept (before migration 0007): an empty stand-in would fail as "no exit code".
    return { checked: 0, drift: `run ${reused.sourceRunId} kept no outputs of the step (it ran before outputs were recorded), so its exit_code and output verifiers cannot be re-checked` };
  }
  const sourceProof = new Map(reused.proofs.map((proof) => [proof.seq, proof.id]));
  const outputs = reused.outputs ? { ...reused.outputs } : NO_OUTPUTS;
  const verdict = await proveStep(step, 1, outputs, scope, claimed.fence, signal, deps, {
    phase: 'recheck',
    recheckOf: (seq) => sourceProof.get(seq) ?? null,
    only: (verifier, seq) => verifier.kind !== 'approval' && (checksLiveState(verifier) || reused.sourceSettledBy === 'run'
      || (reused.sourceSettledBy === 'reuse' && sourceProof.has(seq))),
  });
  if ('lost' in verdict) return 'lost';
  return { checked: verdict.checked, drift: verdict.passed ? null : verdict.failures.join('; ') };
}
