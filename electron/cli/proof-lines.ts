import type { Proof } from '../../shared/domain/proof.ts';
import type { RunStep } from '../../shared/domain/run.ts';
import type { Palette } from './format.ts';

/** Each step's verdict, then its proofs of the last attempt: what a person reads after a run. */
export function proofLines(steps: RunStep[], proofs: Proof[], c: Palette): string[] {
  const lines: string[] = [];
  for (const step of steps) {
    const mark = step.status === 'succeeded' ? c.green('✓') : step.status === 'skipped' || step.status === 'pending' ? c.dim('-') : c.red('✗');
    lines.push(`${mark} ${step.stepId} ${step.status}${step.exitCode != null ? ` (exit ${step.exitCode})` : ''}${step.error ? `: ${step.error}` : ''}`);
    const mine = proofs.filter((p) => p.stepId === step.stepId && p.attempt === step.attempt);
    const lastTry = Math.max(0, ...mine.map((p) => p.try));
    for (const proof of mine.filter((p) => p.try === lastTry)) {
      lines.push(`    ${proof.passed ? c.green('proved') : c.red('not proved')} ${proof.verifierKind}: ${proof.summary} ${c.dim(`sha256:${proof.evidenceSha256.slice(0, 12)}`)}`);
    }
  }
  return lines;
}
