import { basename } from 'node:path';
import type { Param, ParamValue } from '../../../shared/ir/params.ts';
import type { Plan } from '../../../shared/ir/plan.ts';
import { formatSkillProblem } from '../../../shared/skills/skill-schema.ts';
import { CoreError } from '../errors.ts';
import { bindParams } from '../plans/bind-params.ts';
import { validatePlan } from '../plans/validate-plan.ts';
import { buildPlan, splitItems } from './build-plan.ts';
import type { LoadedSkill } from './load-skill.ts';
import { builtPlanProblems } from './plan-issues.ts';
import { checkRequiredCommands } from './required-commands.ts';

export interface ExpandOptions {
  /** The values are text (`/skill k=v`, `--param k=v`): each is converted to its parameter's type. */
  fromText?: boolean;
}

export interface Expanded {
  plan: Plan;
  /** Every bound value, secrets included: runs.enqueue binds them again and keeps secrets out of the database. */
  params: Record<string, ParamValue>;
}

/**
 * A skill invoked: its parameters bound, non-secret values pasted into its steps (forEach copies made), the
 * programs it needs found on PATH, and the result checked as any plan. The plan's parameters keep the bound
 * values as defaults, so re-running the stored plan repeats this invocation.
 */
export function expandSkill(loaded: LoadedSkill, values: Record<string, ParamValue>, options: ExpandOptions = {}): Expanded {
  const { skill } = loaded;
  const declared = skill.params ?? {};
  let bound: Record<string, ParamValue>;
  try {
    bound = bindParams(declared, values, { fromStrings: options.fromText ?? false });
  } catch (error) {
    if (error instanceof CoreError) throw new CoreError(error.code, `/${skill.skill}: ${error.message}`);
    throw error;
  }
  checkRequiredCommands(skill.skill, skill.requires?.commands);
  const pasted: Record<string, ParamValue> = {};
  const planParams: Record<string, Param> = {};
  for (const [name, param] of Object.entries(declared)) {
    planParams[name] = param;
    if (param.type === 'secret' || !Object.hasOwn(bound, name)) continue;
    pasted[name] = bound[name]!;
    // An optional text left unset binds to "" anyway; as a default it could fail its own pattern or min.
    if (!(bound[name] === '' && param.default === undefined)) planParams[name] = { ...param, default: bound[name] };
  }
  for (const step of skill.steps) {
    if (step.forEach !== undefined && splitItems(String(pasted[step.forEach] ?? '')).length === 0) {
      throw new CoreError('INVALID_INPUT', `/${skill.skill}: parameter "${step.forEach}" holds no items for step "${step.id}": give at least one (separated by commas or spaces)`);
    }
  }
  const built = buildPlan(skill, { params: pasted, planParams, items: (name) => splitItems(String(pasted[name] ?? '')) });
  const problems = builtPlanProblems(built, loaded.yaml);
  if (problems.length) throw new CoreError('INVALID_PLAN', `/${skill.skill}: ${problems.map(formatSkillProblem).join('; ')}`);
  return { plan: validatePlan(built.plan, basename(loaded.path)), params: bound };
}
