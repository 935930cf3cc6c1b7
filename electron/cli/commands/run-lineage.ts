import { RERUN_KIND_LABELS, settledLabel, type RerunHistory } from '../../../shared/domain/rerun.ts';
import type { Run, RunStep } from '../../../shared/domain/run.ts';
import { table } from '../format.ts';

/**
 * `opsroom runs show`: the run it repeats and the runs that repeat it, each with what no longer held; for a run
 * that re-checked proofs, each re-check beside the verdict it re-checked.
 */
export function lineageLines(run: Run, history: RerunHistory): string[] {
  const lines: string[] = [];
  if (run.rerunKind) {
    const parent = history.parent ? `run ${history.parent.id} (${history.parent.status})` : `a run since purged`;
    lines.push(`${RERUN_KIND_LABELS[run.rerunKind]} of ${parent}`);
  }
  for (const check of history.rechecks) {
    const before = check.of ? `run ${check.of.runId}: ${verdict(check.of.passed)} ${check.of.summary}` : 'no earlier proof';
    const now = `${verdict(check.passed)} ${check.summary}`;
    lines.push(`  re-check ${check.stepId} ${check.verifierKind}: ${check.passed ? now : `DRIFT ${now}`} (was ${before})`);
  }
  if (history.children.length) lines.push('reruns:');
  for (const child of history.children) {
    const drift = child.drift.map((d) => `${d.stepId} ${d.verifierKind}: ${d.summary}`).join('; ');
    lines.push(`  run ${child.id} ${RERUN_KIND_LABELS[child.rerunKind]} ${child.status}${drift ? ` · drift: ${drift}` : ''}`);
  }
  return lines;
}

const verdict = (passed: boolean) => (passed ? 'proved' : 'not proved');

/** The steps table; a SETTLED column only when some step was settled without running its action. */
export function stepRows(steps: RunStep[]): string {
  const settled = steps.map((s) => settledLabel(s) ?? '');
  const header = ['STEP', 'STATUS', 'EXIT', 'TOOL'];
  const rows = steps.map((s) => [s.stepId, s.status, s.exitCode?.toString() ?? '', s.tool]);
  if (!settled.some(Boolean)) return table(header, rows);
  return table([...header, 'SETTLED'], rows.map((row, i) => [...row, settled[i]!]));
}
