import type { Proof } from '../../../../../shared/domain/proof.ts';

/** One try of one step: the verdicts of every verifier that ran on it. */
export interface ProofTry {
  attempt: number;
  try: number;
  proofs: Proof[];
  passed: boolean;
}

export interface StepProofs {
  stepId: string;
  /** Oldest first. */
  tries: ProofTry[];
  /** Proven: the step's last try has verdicts and every one of them passed. */
  proven: boolean;
}

/**
 * Groups a run's verdicts by step (in the given order; steps without verdicts get an empty entry, steps not
 * in the order come last) and by try. Only the last try decides: an earlier failed try that a retry fixed
 * does not unprove a step, and a passing verdict from an earlier run attempt does not prove it.
 */
export function groupProofs(proofs: readonly Proof[], stepOrder: readonly string[]): StepProofs[] {
  const byStep = new Map<string, Map<string, ProofTry>>();
  for (const stepId of stepOrder) byStep.set(stepId, new Map());
  const sorted = [...proofs].sort((a, b) => a.attempt - b.attempt || a.try - b.try || a.id - b.id);
  for (const proof of sorted) {
    let tries = byStep.get(proof.stepId);
    if (!tries) byStep.set(proof.stepId, (tries = new Map()));
    const key = `${proof.attempt}/${proof.try}`;
    let entry = tries.get(key);
    if (!entry) tries.set(key, (entry = { attempt: proof.attempt, try: proof.try, proofs: [], passed: true }));
    entry.proofs.push(proof);
    entry.passed &&= proof.passed;
  }
  return [...byStep].map(([stepId, tries]) => {
    const list = [...tries.values()];
    const last = list.at(-1);
    return { stepId, tries: list, proven: last !== undefined && last.passed };
  });
}
