import type { Param, ParamValue } from '../../../shared/ir/params.ts';
import { IR_VERSION } from '../../../shared/ir/plan.ts';
import type { Skill } from '../../../shared/skills/skill-schema.ts';
import { fillValue, type Fill, type FillProblem, type FillSink } from './template.ts';
import type { ValuePath } from './yaml-source.ts';

/** What a skill's templates are filled with: the values to paste in, and each forEach parameter's items
 * (undefined: not known yet, the copy keeps a reference to the parameter). */
export interface PlanFill {
  params: Readonly<Record<string, ParamValue>>;
  /** The plan's parameters as declared in the plan (their defaults set to the bound values). */
  planParams: Record<string, Param>;
  items(param: string): string[] | undefined;
}

export interface BuiltPlan {
  /** Not yet checked: see builtPlanProblems. */
  plan: Record<string, unknown>;
  /** For each plan step, the index of the skill step it was made from. */
  origins: number[];
  /** Fill problems, and where a whole reference became a number or boolean: paths into the plan. */
  problems: FillProblem[];
  typed: ValuePath[];
}

// Keys of a step template whose strings are IR templates (resolved at run time), and those that are never filled.
const TEMPLATE_KEYS = new Set(['input', 'verify', 'if']);
const FIXED_KEYS = new Set(['id', 'tool', 'needs', 'forEach', 'when']);

/** `when: param`: kept unless the parameter is bound to nothing ("", false, 0). A parameter not bound yet (the
 * load-time check of a text without default) keeps the item, so its template is still checked. */
const wanted = (when: unknown, params: Readonly<Record<string, ParamValue>>): boolean =>
  typeof when !== 'string' || !Object.hasOwn(params, when) || Boolean(params[when]);

/** A template's verifier items that apply, without their `when`. */
const applicableVerifiers = (verify: Record<string, unknown>[], params: Readonly<Record<string, ParamValue>>) =>
  verify.filter((item) => wanted(item.when, params)).map(({ when: _when, ...item }) => item);

/** A forEach parameter's value as items: split on commas and whitespace, blanks dropped. */
export const splitItems = (value: string): string[] => value.split(/[\s,]+/).filter((item) => item !== '');

/** The skill's steps, forEach copies made and templates filled, as an IR plan. */
export function buildPlan(skill: Skill, fill: PlanFill): BuiltPlan {
  const sink: FillSink = { problems: [], typed: [] };
  const origins: number[] = [];
  const copies = new Map<string, string[]>();
  const steps: Record<string, unknown>[] = [];
  const dropped = new Set<string>();
  skill.steps.forEach((template, index) => {
    if (!wanted(template.when, fill.params)) return void dropped.add(template.id);
    const items = template.forEach === undefined ? [undefined] : fill.items(template.forEach) ?? [null];
    const ids = items.map((_, n) => (template.forEach === undefined ? template.id : `${template.id}-${n + 1}`));
    copies.set(template.id, ids);
    items.forEach((item, n) => {
      const copyFill: Fill = { params: fill.params };
      if (typeof item === 'string') copyFill.item = item;
      else if (item === null) copyFill.itemSource = `\${params.${template.forEach}}`;
      const step: Record<string, unknown> = { id: ids[n] };
      for (const [key, value] of Object.entries(template)) {
        if (key === 'id' || key === 'forEach' || key === 'when' || value === undefined) continue;
        const template = key === 'verify' ? applicableVerifiers(value as Record<string, unknown>[], fill.params) : value;
        step[key] = FIXED_KEYS.has(key) ? template : fillValue(template, copyFill, TEMPLATE_KEYS.has(key), ['steps', steps.length, key], sink);
      }
      origins.push(index);
      steps.push(step);
    });
  });
  // `needs: [check]` on a step means every copy of check; a step left out by `when` is needed by nobody.
  for (const step of steps) {
    if (Array.isArray(step.needs)) step.needs = (step.needs as string[]).filter((id) => !dropped.has(id)).flatMap((id) => copies.get(id) ?? [id]);
  }
  const plan: Record<string, unknown> = {
    irVersion: IR_VERSION,
    name: skill.skill,
    description: skill.title,
    ...(Object.keys(fill.planParams).length ? { params: fill.planParams } : {}),
    origin: { kind: 'skill', skill: skill.skill, version: skill.version },
    ...(skill.keepGoing !== undefined ? { keepGoing: skill.keepGoing } : {}),
    steps,
  };
  return { plan, origins, ...sink };
}

/** A path into the built plan as the path into the skill file it came from. */
export function skillPath(planPath: ValuePath, origins: readonly number[]): ValuePath {
  const [head, index, ...rest] = planPath;
  if (head === 'steps' && typeof index === 'number') return ['steps', origins[index] ?? index, ...rest];
  if (head === 'name') return ['skill'];
  if (head === 'description') return ['title'];
  if (head === 'origin') return ['version'];
  if (head === 'keepGoing') return ['keepGoing'];
  if (head === 'params' || head === 'steps') return planPath;
  return [];
}

/** forEach copies repeat their template's problems: one report each. */
export function dedupe(problems: FillProblem[]): FillProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${JSON.stringify(problem.path)} ${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
