import { PlanSchema, type Plan } from '../../../shared/ir/plan.ts';
import { CoreError } from '../errors.ts';
import { BUILTIN_INPUT_SCHEMAS } from '../../../shared/ir/builtin-inputs.ts';
import { collectReferences } from '../../../shared/ir/references.ts';
import { parseToolRef } from '../../../shared/ir/tool-ref.ts';

/** A zod issue path as a person reads it: steps[1].input.command */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) =>
    typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key), '');
}

/**
 * Checks a plan before anything is stored: the IR's shape and structure (DAG, references), then that every
 * built-in step has an input its tool accepts. Every message names the field (and the step) at fault.
 */
export function validatePlan(candidate: unknown, source = 'plan'): Plan {
  const parsed = PlanSchema.safeParse(candidate);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${formatPath(issue.path) || '(root)'}: ${issue.message}`);
    throw new CoreError('INVALID_PLAN', `${source} is not a valid plan: ${problems.join('; ')}`);
  }
  const problems: string[] = [];
  parsed.data.steps.forEach((step, index) => {
    const ref = parseToolRef(step.tool);
    // MCP tools are checked against the registry (check-tools.ts); an input holding references is checked
    // once they are resolved, just before the call.
    if (ref?.kind !== 'builtin' || referencesIn(step.input)) return;
    const input = BUILTIN_INPUT_SCHEMAS[ref.name].safeParse(step.input);
    if (!input.success) {
      for (const issue of input.error.issues) {
        problems.push(`${formatPath(['steps', index, 'input', ...issue.path])}: ${issue.message} (step "${step.id}")`);
      }
    }
  });
  if (problems.length) throw new CoreError('INVALID_PLAN', `${source} is not a valid plan: ${problems.join('; ')}`);
  return parsed.data;
}

const referencesIn = (value: unknown): boolean => collectReferences(value).references.length > 0;
