import type { Step } from '../../../shared/ir/plan.ts';
import type { StepOutputs } from './step-capture.ts';

/**
 * Why a failed step does not stop the run (continueOn, or continueOnError = continueOn.failure), or null when
 * it does. The step stays failed with its failing proofs; steps that need it still run.
 */
export function continueReason(step: Step, outputs: Pick<StepOutputs, 'exitCode' | 'stdout' | 'stderr'> | undefined): string | null {
  const policy = step.continueOn;
  if (step.continueOnError) return 'the step may fail (continueOnError)';
  if (!policy) return null;
  if (policy.failure) return 'the step may fail (continueOn.failure)';
  const exitCode = outputs?.exitCode;
  if (typeof exitCode === 'number' && policy.exitCodes?.includes(exitCode)) {
    return `exit code ${exitCode} is in continueOn.exitCodes`;
  }
  if (policy.output !== undefined && outputs) {
    let regex: RegExp | null = null;
    try {
      regex = new RegExp(policy.output);
    } catch {
      // the plan's checks refuse an invalid pattern; one that slipped through matches nothing
    }
    if (regex?.test(`${outputs.stdout}\n${outputs.stderr}`)) return `its output matches continueOn.output /${policy.output}/`;
  }
  return null;
}
