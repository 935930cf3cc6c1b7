import type { Step } from '../../../shared/ir/plan.ts';
import type { ReferenceScope } from '../plans/resolve-references.ts';
import { evaluateCondition } from './conditions.ts';
import { skippedReference } from './skipped-references.ts';

/** What to do with a step whose needs are all settled: skip it (disabled, a false `if`), refuse it (it fails at
 * once, with the reason), or run it. */
export type StepDecision =
  | { skip: { settledBy: 'disabled' | 'condition'; reason: string } }
  | { run: true; refusal?: string };

/**
 * Decided just before the step would start, when everything it needs has settled. `skipped`: the steps skipped
 * so far by a decision, with their reasons (their outputs do not exist, so a reference to one is refused).
 */
export function decideStep(step: Step, scope: ReferenceScope, skipped: ReadonlyMap<string, string>): StepDecision {
  if (step.disabled) return { skip: { settledBy: 'disabled', reason: 'disabled in the plan' } };
  if (step.if) {
    const refusal = skippedReference(step.if, skipped);
    if (refusal) return { run: true, refusal: `if: ${refusal}` };
    try {
      const verdict = evaluateCondition(step.if, scope);
      if (!verdict.holds) return { skip: { settledBy: 'condition', reason: verdict.reason } };
    } catch (error) {
      return { run: true, refusal: `if: ${(error as Error).message}` };
    }
  }
  const refusal = skippedReference([step.input, step.verify], skipped);
  return refusal ? { run: true, refusal } : { run: true };
}
