import type { Param, ParamValue } from '../../../shared/ir/params.ts';
import type { Skill } from '../../../shared/skills/skill-schema.ts';
import { splitItems, type PlanFill } from './build-plan.ts';

/**
 * What the load-time check fills a skill with: each parameter's default, else a valid sample of a typed one
 * (a number's min or 1, false, an enum's first value). Text without a default stays a `${params.X}` reference,
 * as it would in a hand-written plan: a made-up text ("sample") would fail checks that the real value passes
 * (an http input's URL), and the IR checks an input holding references when it is resolved.
 */
export function sampleFill(skill: Skill): PlanFill {
  const params: Record<string, ParamValue> = {};
  for (const [name, param] of Object.entries(skill.params ?? {})) {
    const value = sample(param);
    if (value !== undefined) params[name] = value;
  }
  return {
    params,
    planParams: skill.params ?? {},
    items(name) {
      const items = Object.hasOwn(params, name) ? splitItems(String(params[name])) : [];
      return items.length ? items : undefined;
    },
  };
}

function sample(param: Param): ParamValue | undefined {
  if (param.type === 'secret') return undefined;
  if (param.default !== undefined) return param.default;
  switch (param.type) {
    case 'boolean':
      return false;
    case 'enum':
      return param.values?.[0];
    case 'integer':
    case 'number': {
      const low = param.min ?? Math.min(1, param.max ?? 1);
      return param.type === 'integer' ? Math.ceil(low) : low;
    }
    default:
      return undefined;
  }
}
