import { TERMINAL_STATUSES, type RerunKind, type Run, type RunStep } from '../../../shared/domain/run.ts';
import type { Plan } from '../../../shared/ir/plan.ts';
import { ancestors } from '../../../shared/ir/step-order.ts';
import { CoreError } from '../errors.ts';

/** What a person asks of a finished run (the API's and the CLI's words; 'reprove' has its own call). */
export interface RerunAsk {
  kind: RerunKind;
  /** With 'from-step' (and optionally 'edit'): the step to run again, with everything downstream of it. */
  fromStep?: string;
}

const VERB: Record<RerunKind, string> = { rerun: 'retry', resume: 'resume', 'from-step': 'rerun', edit: 'rerun', reprove: 're-prove' };

/**
 * Which steps of a rerun are settled by the parent's recorded outcome instead of running: {step id: parent id}.
 * Undefined for a rerun that reuses nothing. Throws a CoreError that says what to do instead when the ask
 * makes no sense for this parent (still running, nothing to resume, an unknown step).
 */
export function rerunReuse(ask: RerunAsk, plan: Plan, parent: Run, steps: readonly RunStep[]): Record<string, number> | undefined {
  const id = parent.id;
  if (!TERMINAL_STATUSES.includes(parent.status)) {
    throw new CoreError('INVALID_STATE', `run ${id} is still ${parent.status}: ${VERB[ask.kind]} it once it has finished, or cancel it first`);
  }
  const succeeded = new Set(steps.filter((s) => s.status === 'succeeded').map((s) => s.stepId));
  // A step skipped by a decision (a false `if`, disabled) is decided again without any action: it does not
  // force the steps that need it to run again.
  const decided = new Set(steps.filter((s) => s.status === 'skipped' && (s.settledBy === 'condition' || s.settledBy === 'disabled'))
    .map((s) => s.stepId));
  switch (ask.kind) {
    case 'rerun':
      return undefined;
    case 'edit':
      return ask.fromStep === undefined ? undefined : reusable(plan, succeeded, decided, downstreamOf(plan, ask.fromStep, id), id);
    case 'from-step':
      if (ask.fromStep === undefined) throw new CoreError('INVALID_INPUT', 'rerun from a step: name the step (--from STEP)');
      return reusable(plan, succeeded, decided, downstreamOf(plan, ask.fromStep, id), id);
    case 'resume':
      if (parent.status === 'succeeded') {
        throw new CoreError('INVALID_STATE', `run ${id} succeeded: there is nothing to resume; rerun it (opsroom runs rerun ${id}) `
          + `or check it still holds (opsroom runs reprove ${id})`);
      }
      return reusable(plan, succeeded, decided, new Set(), id);
    case 'reprove':
      if (succeeded.size === 0) {
        throw new CoreError('INVALID_STATE', `run ${id} has no step that succeeded: there is nothing to re-prove`);
      }
      // The steps to re-check, and whose proofs: the executor runs no action in a re-prove.
      return Object.fromEntries(plan.steps.filter((s) => succeeded.has(s.id)).map((s) => [s.id, id]));
  }
}

/** The step and every step that needs it, directly or through others. */
function downstreamOf(plan: Plan, stepId: string, runId: number): Set<string> {
  if (!plan.steps.some((s) => s.id === stepId)) {
    throw new CoreError('INVALID_INPUT', `run ${runId} has no step "${stepId}" (steps: ${plan.steps.map((s) => s.id).join(', ')})`);
  }
  const upstream = ancestors(plan.steps);
  return new Set([stepId, ...plan.steps.filter((s) => upstream.get(s.id)?.has(stepId)).map((s) => s.id)]);
}

/**
 * Succeeded steps outside `rerun` whose every upstream step is reused too (or decided without action): a step
 * that needs one that runs again must run again itself, or it would stand on an outcome that was replaced.
 */
function reusable(plan: Plan, succeeded: Set<string>, decided: Set<string>, rerun: Set<string>, parentId: number): Record<string, number> {
  const candidates = new Set([...succeeded].filter((id) => !rerun.has(id)));
  const upstream = ancestors(plan.steps);
  const reuse: [string, number][] = [];
  for (const step of plan.steps) {
    if (!candidates.has(step.id)) continue;
    const needs = upstream.get(step.id) ?? new Set<string>();
    if ([...needs].every((need) => candidates.has(need) || decided.has(need))) reuse.push([step.id, parentId]);
  }
  return Object.fromEntries(reuse);
}
