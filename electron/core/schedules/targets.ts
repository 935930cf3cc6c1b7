import { homedir } from 'node:os';
import type { ScheduleTarget } from '../../../shared/domain/schedule.ts';
import { paramFromText, type Param, type ParamValue } from '../../../shared/ir/params.ts';
import type { CompileApi } from '../api/compile-api.ts';
import { classifyInput } from '../compile/classify-input.ts';
import { closestNames } from '../compile/closest-names.ts';
import { missingMessage } from '../compile/missing-message.ts';
import { parseSkillArgs } from '../compile/skill-args.ts';
import { CoreError } from '../errors.ts';
import { bindParams } from '../plans/bind-params.ts';
import type { Store } from '../queue/store.ts';
import type { SkillsApi } from '../skills/skills-api.ts';

export interface TargetDeps {
  store: Pick<Store, 'listPlans' | 'getPlan'>;
  skills: Pick<SkillsApi, 'list' | 'invoke'>;
  compile: Pick<CompileApi, 'preview'>;
}

/** A target checked when the schedule is added: stored as it will be read at each fire, with its parameters. */
export interface CheckedTarget {
  target: ScheduleTarget;
  declared: Record<string, Param>;
  /** `key=value` words of a /skill command, as text. */
  args: Record<string, string>;
}

/**
 * Checks a target now, so a typo is an error at `schedules add`, not a failed fire at 3 a.m. A command is
 * stored so it reads the same at every fire: a /skill command becomes a skill target (its secret arguments then
 * go to the secret store, not into stored text), a file its absolute path, anything else an explicit
 * "$ command". A request in words is refused: a draft runs only after a person has seen it.
 */
export async function checkTarget(target: ScheduleTarget, deps: TargetDeps, cwd = homedir()): Promise<CheckedTarget> {
  if (target.kind === 'plan') return { target, declared: (await newestPlan(deps, target.name)).params ?? {}, args: {} };
  const skills = await deps.skills.list();
  if (target.kind === 'skill') {
    const skill = skills.find((s) => s.name === target.name);
    if (!skill) {
      const near = closestNames(target.name, skills.map((s) => s.name));
      throw new CoreError('UNKNOWN_SKILL', `no skill named "${target.name}"${near.length ? `: did you mean ${near.join(', ')}?` : ''} (opsroom skills list shows them all)`);
    }
    return { target, declared: skill.params, args: {} };
  }
  const classified = await classifyInput(target.text, { skillNames: skills.map((s) => s.name), cwd });
  switch (classified.kind) {
    case 'natural-language':
      throw new CoreError('INVALID_INPUT', 'a request in words is not scheduled: its draft runs only after a person has seen it. '
        + 'Preview it, save the plan, and schedule the plan by name (--plan NAME)');
    case 'skill': {
      const declared = skills.find((s) => s.name === classified.name)!.params;
      return { target: { kind: 'skill', name: classified.name }, declared, args: parseSkillArgs(classified.name, classified.args, declared) };
    }
    case 'shell':
      return { target: { kind: 'command', text: `$ ${classified.command}` }, declared: {}, args: {} };
    case 'file': {
      const outcome = await deps.compile.preview(classified.path, { cwd });
      if (outcome.status === 'compiled' && outcome.draft) throw new CoreError('INVALID_INPUT', `${classified.path} compiles to a draft that needs a person's approval; it cannot be scheduled`);
      const declared = outcome.status === 'compiled' ? outcome.plan.params ?? {} : outcome.params;
      return { target: { kind: 'command', text: classified.path }, declared, args: {} };
    }
  }
}

/**
 * The values to store: a /skill command's words, then the given ones (text converted to each parameter's type
 * when `fromText`), checked against the declared parameters as a run would check them (a missing required one,
 * a wrong type). Defaults are not stored: a newer plan version's defaults apply at the fire.
 */
export function bindScheduleParams(checked: CheckedTarget, given: Record<string, ParamValue>, fromText: boolean): Record<string, ParamValue> {
  const typed = (values: Record<string, ParamValue>, convert: boolean) => Object.entries(values).map(([name, value]) => {
    const param = checked.declared[name];
    return [name, convert && param && typeof value === 'string' ? paramFromText(param, value) ?? value : value] as [string, ParamValue];
  });
  const values = Object.fromEntries([...typed(checked.args, true), ...typed(given, fromText)]);
  bindParams(checked.declared, values);
  return values;
}

/** What one fire queues. */
export interface ExpandedTarget {
  plan: unknown;
  params: Record<string, ParamValue>;
  kind: 'plan' | 'command';
  /** Names the target in error messages. */
  source: string;
}

/** The target as it is at the fire: the plan's newest version, the skill as its file says now, the command compiled now. */
export async function expandTarget(target: ScheduleTarget, params: Record<string, ParamValue>, deps: TargetDeps): Promise<ExpandedTarget> {
  switch (target.kind) {
    case 'plan':
      return { plan: (await deps.store.getPlan((await newestPlan(deps, target.name)).id)).plan, params, kind: 'plan', source: `plan "${target.name}"` };
    case 'skill': {
      const expanded = await deps.skills.invoke(target.name, params);
      return { plan: expanded.plan, params: expanded.params, kind: 'plan', source: `/${target.name}` };
    }
    case 'command': {
      const outcome = await deps.compile.preview(target.text, { params });
      if (outcome.status === 'needs-params') throw new CoreError('INVALID_INPUT', missingMessage(outcome));
      if (outcome.draft) throw new CoreError('INVALID_INPUT', `${outcome.label} compiled to a draft that needs a person's approval`);
      return { plan: outcome.plan, params: outcome.params, kind: outcome.source === 'shell' ? 'command' : 'plan', source: outcome.label };
    }
  }
}

async function newestPlan(deps: TargetDeps, name: string) {
  const plans = await deps.store.listPlans();
  const plan = plans.find((p) => p.name === name);
  if (plan) return plan;
  const near = closestNames(name, plans.map((p) => p.name));
  throw new CoreError('UNKNOWN_PLAN', `there is no stored plan named "${name}"${near.length ? `: did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : ''}`);
}
