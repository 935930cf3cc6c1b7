import type { Step } from '../../../shared/ir/plan.ts';
import type { Verifier } from '../../../shared/ir/verifier.ts';
import type { ReferenceScope } from '../plans/resolve-references.ts';
import type { Fence } from '../queue/store.ts';
import { proveStep, type ProveDeps } from './prove-step.ts';
import { NO_OUTPUTS } from './step-outputs.ts';

/** The verifiers that look at live state, not at what the step printed: the only ones a pre-check can run. */
const LIVE_KINDS: ReadonlySet<Verifier['kind']> = new Set(['http', 'sql', 'file']);
export const checksLiveState = (verifier: Verifier): boolean => LIVE_KINDS.has(verifier.kind);

export type PrecheckVerdict =
  | { satisfied: true; checked: number }
  | { satisfied: false; why: string }
  | { lost: true };

/**
 * Before/after evidence: a `precheck` step's http, sql and file verifiers run before its first try (proofs
 * phase 'before'). All passing means the step is already satisfied and its action is not needed.
 */
export async function precheck(
  step: Step, scope: ReferenceScope, fence: Fence, signal: AbortSignal, deps: ProveDeps,
): Promise<PrecheckVerdict> {
  const verdict = await proveStep(step, 1, NO_OUTPUTS, scope, fence, signal, deps, { phase: 'before', only: checksLiveState });
  if ('lost' in verdict) return verdict;
  return verdict.passed ? { satisfied: true, checked: verdict.checked } : { satisfied: false, why: verdict.failures.join('; ') };
}
