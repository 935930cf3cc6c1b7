import type { z } from 'zod';
import { BUILTIN_INPUT_SCHEMAS } from '../../../shared/ir/builtin-inputs.ts';
import { PlanSchema } from '../../../shared/ir/plan.ts';
import { collectReferences } from '../../../shared/ir/references.ts';
import { parseToolRef } from '../../../shared/ir/tool-ref.ts';
import type { SkillProblem } from '../../../shared/skills/skill-schema.ts';
import { dedupe, skillPath, type BuiltPlan } from './build-plan.ts';
import type { FillProblem } from './template.ts';
import type { ValuePath } from './yaml-source.ts';
import type { YamlSource } from './yaml-source.ts';

/** A problem of the plan; `wantsText`: the field takes text and got something else. */
interface PlanIssue extends FillProblem { wantsText: boolean }

/**
 * Everything wrong with a built plan, each problem placed on the line of the skill file it came from. A whole
 * reference filled with a number or boolean where the plan wants text (a shell step's env) is given as text.
 */
export function builtPlanProblems(built: BuiltPlan, source: Pick<YamlSource, 'problem'>): SkillProblem[] {
  // A template that could not be filled leaves text the plan check would only report again.
  if (built.problems.length) return placed(built.problems, built, source);
  // Inputs holding references too: a typed value in a shell env is wrong whatever else the input holds.
  retypeAsText(built, [...planIssues(built.plan), ...builtinInputIssues(built.plan, true)]);
  return placed(planIssues(built.plan), built, source);
}

const placed = (issues: FillProblem[], built: BuiltPlan, source: Pick<YamlSource, 'problem'>) =>
  dedupe(issues.map((issue) => ({ path: skillPath(issue.path, built.origins), message: issue.message })))
    .map((issue) => source.problem(issue.path, issue.message));

/**
 * The checks of validatePlan (plans/validate-plan.ts), as issues with paths instead of one message, so each
 * can be traced back to the line of the skill file it came from. validatePlan still has the last word.
 */
function planIssues(candidate: Record<string, unknown>): PlanIssue[] {
  const parsed = PlanSchema.safeParse(candidate);
  if (!parsed.success) return parsed.error.issues.map((issue) => planIssue(issue, []));
  // As validatePlan: an input holding references is checked once they are resolved, before the call.
  return builtinInputIssues(candidate, false);
}

function builtinInputIssues(candidate: Record<string, unknown>, evenWithReferences: boolean): PlanIssue[] {
  const steps = Array.isArray(candidate.steps) ? (candidate.steps as Record<string, unknown>[]) : [];
  return steps.flatMap((step, index) => {
    const ref = typeof step.tool === 'string' ? parseToolRef(step.tool) : null;
    if (ref?.kind !== 'builtin' || (!evenWithReferences && collectReferences(step.input).references.length > 0)) return [];
    const input = BUILTIN_INPUT_SCHEMAS[ref.name].safeParse(step.input);
    return input.success ? [] : input.error.issues.map((issue) => planIssue(issue, ['steps', index, 'input']));
  });
}

function planIssue(issue: z.core.$ZodIssue, at: ValuePath): PlanIssue {
  const path = [...at, ...issue.path.map((key) => (typeof key === 'number' ? key : String(key)))];
  // A misspelt key is reported on the object; point at the key itself.
  if (issue.code === 'unrecognized_keys' && issue.keys[0]) path.push(issue.keys[0]);
  return { path, message: issue.message, wantsText: issue.code === 'invalid_type' && issue.expected === 'string' };
}

/** Turns each typed value the plan wants as text back into text. */
function retypeAsText(built: BuiltPlan, issues: PlanIssue[]): void {
  const typed = new Set(built.typed.map((path) => JSON.stringify(path)));
  for (const issue of issues) {
    if (!issue.wantsText || !typed.has(JSON.stringify(issue.path))) continue;
    type Node = Record<string | number, unknown> | undefined;
    const parent = issue.path.slice(0, -1).reduce<Node>((node, key) => node?.[key] as Node, built.plan);
    const key = issue.path.at(-1)!;
    if (parent && typeof parent[key] !== 'string') parent[key] = String(parent[key]);
  }
}
