import type { z } from 'zod';
import { PlanSchema, type Plan } from '../../../../shared/ir/plan.ts';
import { checkPlanStructure } from '../../../../shared/ir/plan-structure.ts';
import { ShellInputSchema } from '../../../../shared/ir/shell-input.ts';
import { formatPath, validatePlan } from '../../plans/validate-plan.ts';
import type { RunbookBlock } from './collect-blocks.ts';
import type { FrontMatter } from './front-matter.ts';
import type { Report } from './report.ts';

type Path = readonly PropertyKey[];

interface Sources {
  blocks: readonly RunbookBlock[];
  matter: FrontMatter;
  title?: { line: number };
}

/**
 * validatePlan's checks, with each finding moved from the plan's field (`steps[3].needs[0]`) to the runbook line
 * a person edits: the block, or the line of the option or front matter key at fault.
 */
export function validateLocated(candidate: Record<string, unknown>, sources: Sources, report: Report): Plan {
  const steps = candidate.steps as { id: string; input: Record<string, unknown>; needs?: string[]; verify: unknown[] }[];
  const found = (path: Path, message: string) => report.problem(lineOf(path, sources), describe(path, message, steps, sources.blocks));
  // Every step's input, references or not (validatePlan checks those once resolved, at run time).
  steps.forEach((step, index) => {
    const input = ShellInputSchema.safeParse(step.input);
    if (!input.success) input.error.issues.forEach((issue) => found(['steps', index, 'input', ...issue.path], issue.message));
  });
  const parsed = PlanSchema.safeParse(candidate);
  if (!parsed.success) parsed.error.issues.forEach((issue) => found(issue.path, issue.message));
  // zod runs the structure checks (cycles, unknown needs) only once every field is valid; run them now too, so
  // one pass shows every problem (the candidate has the shapes they read: ids, needs and inputs are built here).
  const structure = { addIssue: (issue: { path?: Path; message?: string }) => found(issue.path ?? [], issue.message ?? '') };
  checkPlanStructure({ ...candidate, steps }, structure as unknown as z.RefinementCtx);
  report.throwIfAny();
  // Nothing is left for it to find; it stays the one gate every plan passes.
  return validatePlan(parsed.data, report.file);
}

function lineOf(path: Path, { blocks, matter, title }: Sources): number {
  if (path[0] === 'steps' && typeof path[1] === 'number') {
    const block = blocks[path[1]];
    if (!block) return 1;
    const field = path.slice(2);
    const key = optionKey(field);
    // verify[1].kind: the line of that verifier; env.X: the line of that variable.
    return block.options.sources.get(key)?.lineOf(key, field.slice(field[0] === 'input' ? 2 : 1)) ?? block.line;
  }
  if (path[0] === 'name' && matter.name === undefined) return title?.line ?? 1;
  return matter.lineAt(path);
}

/** The block option a step field came from. */
function optionKey(path: Path): string {
  if (path[0] === 'timeoutMs') return 'timeout';
  if (path[0] === 'input' && (path[1] === 'env' || path[1] === 'cwd')) return path[1];
  return String(path[0]);
}

function describe(path: Path, message: string, steps: readonly { id: string }[], blocks: readonly RunbookBlock[]): string {
  if (path[0] !== 'steps' || typeof path[1] !== 'number') return `${formatPath(path) || 'the plan'}: ${message}`;
  const id = steps[path[1]]?.id ?? '';
  const implicit = path[2] === 'needs' && !blocks[path[1]]?.options.sources.has('needs');
  // The structure checks name the step already ("step "b" needs unknown step "x"").
  if (message.includes(`step "${id}"`)) return implicit ? `${message}; a block needs the one above it unless it says "needs"` : message;
  const rest = path.slice(2);
  const field = rest[0] === 'input' ? formatPath(rest.slice(1)) : rest[0] === 'timeoutMs' ? 'timeout' : formatPath(rest);
  return `step "${id}"${field ? ` ${field}` : ''}: ${message}`;
}
