import { PlanSchema, type Plan } from '../../../shared/ir/plan.ts';
import { CoreError } from '../errors.ts';
import { HANDLERS } from '../executor/handlers.ts';

/** A zod issue path as a person reads it: steps[1].input.command */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) =>
    typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key), '');
}

/**
 * Checks a plan completely before anything is stored: the IR's shape, then that every step names a known tool
 * with an input that tool accepts. Every message names the field (and the step) at fault.
 */
export function validatePlan(candidate: unknown, source = 'plan'): Plan {
  const parsed = PlanSchema.safeParse(candidate);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${formatPath(issue.path) || '(root)'}: ${issue.message}`);
    throw new CoreError('INVALID_PLAN', `${source} is not a valid plan: ${problems.join('; ')}`);
  }
  const problems: string[] = [];
  parsed.data.steps.forEach((step, index) => {
    const handler = HANDLERS.get(step.tool);
    if (!handler) {
      problems.push(`steps[${index}].tool: unknown tool "${step.tool}" in step "${step.id}" (known: ${[...HANDLERS.keys()].join(', ')})`);
      return;
    }
    const input = handler.inputSchema.safeParse(step.input);
    if (!input.success) {
      for (const issue of input.error.issues) {
        problems.push(`${formatPath(['steps', index, 'input', ...issue.path])}: ${issue.message} (step "${step.id}")`);
      }
    }
  });
  if (problems.length) throw new CoreError('INVALID_PLAN', `${source} is not a valid plan: ${problems.join('; ')}`);
  return parsed.data;
}
