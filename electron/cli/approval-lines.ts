import { ShownDocumentSchema } from '../../shared/domain/approval.ts';
import { diffLineKind } from '../../shared/domain/diff-line.ts';
import type { Palette } from './format.ts';

/** A diff line coloured as `git diff` does: additions green, removals red, headers dim. */
function diffLine(line: string, c: Palette): string {
  const kind = diffLineKind(line);
  return kind === 'add' ? c.green(line) : kind === 'remove' ? c.red(line) : kind === 'meta' ? c.dim(line) : line;
}

const paramText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/**
 * The document an approval shows, as a person reads it in a terminal: the prompt, the run and plan (with
 * its hash), the parameters, each earlier step's proofs, the diff. A document that is not of the known shape
 * (changed in the database) is printed as its JSON, whole: nothing of it is hidden.
 */
export function shownLines(shown: Record<string, unknown>, c: Palette): string[] {
  const parsed = ShownDocumentSchema.safeParse(shown);
  if (!parsed.success) return [c.yellow('the shown document is not of the usual shape; as stored:'), ...JSON.stringify(shown, null, 2).split('\n')];
  const doc = parsed.data;
  const lines = [
    c.bold(doc.prompt),
    `run ${doc.run.id} "${doc.run.title}", plan ${doc.run.plan} ${c.dim(`sha256:${doc.run.planSha256.slice(0, 12)}`)}, step ${String(doc.step.id)} (${String(doc.step.tool)})`,
  ];
  const params = Object.entries(doc.run.params);
  if (params.length) lines.push(`parameters: ${params.map(([name, value]) => `${name}=${paramText(value)}`).join(', ')}`);
  if (doc.evidence.length) lines.push('evidence:');
  for (const step of doc.evidence) {
    const mark = step.status === 'succeeded' ? c.green('✓') : step.status === 'failed' ? c.red('✗') : c.dim('-');
    lines.push(`  ${mark} ${step.stepId} ${step.status}${step.settledBy !== 'run' ? ` (${step.settledBy})` : ''}`);
    for (const proof of step.proofs) {
      lines.push(`      ${proof.passed ? c.green('proved') : c.red('not proved')} ${proof.verifierKind}: ${proof.summary} ${c.dim(`sha256:${proof.evidenceSha256.slice(0, 12)}`)}`);
    }
  }
  if (doc.diff !== null) lines.push('diff:', ...doc.diff.split('\n').map((line) => `  ${diffLine(line, c)}`));
  return lines;
}
