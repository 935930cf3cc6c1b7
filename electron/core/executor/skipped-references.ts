import { collectReferences, formatReference } from '../../../shared/ir/references.ts';

/**
 * A step skipped by its `if` or as disabled is a decided outcome: steps that need it still run, but it left no
 * outputs. The first reference in `value` to such a step, as the error the referring step fails with, or null.
 */
export function skippedReference(value: unknown, skipped: ReadonlyMap<string, string>): string | null {
  if (skipped.size === 0) return null;
  for (const { reference } of collectReferences(value).references) {
    if (reference.kind !== 'step') continue;
    const reason = skipped.get(reference.step);
    if (reason !== undefined) return `${formatReference(reference)}: step ${reference.step} was skipped: ${reason}`;
  }
  return null;
}
