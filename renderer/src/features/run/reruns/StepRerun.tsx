import { TERMINAL_STATUSES, type Run, type RunStep } from '../../../../../shared/domain/run.ts';
import { settledLabel } from '../../../../../shared/domain/rerun.ts';
import { runHash } from '../../../app/route.ts';
import { errorMessage } from '../../../data/errors.ts';
import { fromStepTarget } from './rerun-choices.ts';
import { useRerun } from './use-rerun.ts';

/** How the step settled without its action ("reused from #12", "already satisfied", …); nothing when it ran. */
export function StepSettled({ step }: { step: RunStep | null }) {
  const label = step && settledLabel(step);
  if (!label) return null;
  const source = step.settledBy === 'reuse' && step.reusedFrom !== null;
  return (
    <span className={`rr-settled rr-settled-${step.settledBy}`}>
      {source ? <>reused from <a href={runHash(step.reusedFrom!)}>#{step.reusedFrom}</a></> : label}
    </span>
  );
}

/**
 * "Rerun from this step" on a finished run's step: the step and everything downstream run, the rest is reused.
 * On a reused step whose re-check failed (a refused resume), it reruns the source run from there.
 */
export function StepRerun({ run, stepId, step }: { run: Run; stepId: string; step: RunStep | null }) {
  const rerun = useRerun();
  if (!TERMINAL_STATUSES.includes(run.status)) return null;
  const target = fromStepTarget(run, step);
  const refused = target !== run.id;
  return (
    <div className="rr-step-actions">
      <button type="button" className={refused ? 'btn btn-small btn-primary' : 'btn-link rr-step-rerun'} disabled={rerun.isPending}
        title={refused ? `Its recorded outcome in run #${target} no longer holds: run it again there, and what needs it` : undefined}
        onClick={() => rerun.mutate({ id: target, request: { kind: 'from-step', fromStep: stepId } })}>
        {refused ? `Rerun from ${stepId}` : 'Rerun from this step'}
      </button>
      {rerun.error && <p className="step-error" role="alert">{errorMessage(rerun.error)}</p>}
    </div>
  );
}
