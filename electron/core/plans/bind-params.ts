import { paramFromText, paramValueProblem, type Param, type ParamValue } from '../../../shared/ir/params.ts';
import type { Plan } from '../../../shared/ir/plan.ts';
import { CoreError } from '../errors.ts';

/**
 * The values a run's `${params.x}` references resolve to: the given ones, then declared defaults, then "" for
 * an unset optional (`required: false`) parameter. With `fromStrings` (values typed on a command line or in a
 * form, `--param k=v`) a string is converted to the declared type first. Each value is checked against its
 * type, min/max, pattern and enum values, and every problem is reported at once, naming the parameter and
 * what it must be. A secret's value is never repeated in a message.
 */
export function bindParams(
  declared: Plan['params'], given: Record<string, ParamValue>, options: { fromStrings?: boolean } = {},
): Record<string, ParamValue> {
  const params = declared ?? {};
  const problems: string[] = [];
  const bound: [string, ParamValue][] = [];
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(params, name)) {
      const names = Object.keys(params);
      problems.push(`unknown parameter "${name}" (${names.length ? `declared: ${names.join(', ')}` : 'the plan declares none'})`);
    }
  }
  for (const [name, param] of Object.entries(params)) {
    if (Object.hasOwn(given, name)) {
      const value = converted(param, given[name]!, options.fromStrings ?? false);
      const problem = paramValueProblem(param, value);
      if (problem) problems.push(`parameter "${name}" (${param.type}) ${problem}${param.type === 'secret' ? '' : `, got ${shown(value)}`}`);
      else bound.push([name, value]);
    } else if (param.default !== undefined) {
      bound.push([name, param.default]);
    } else if (param.required === false) {
      bound.push([name, '']);
    } else {
      const hint = options.fromStrings ? `: pass --param ${name}=VALUE` : '';
      problems.push(`missing parameter "${name}" (${param.type}, no default)${hint}`);
    }
  }
  if (problems.length) throw new CoreError('INVALID_INPUT', `invalid parameters: ${problems.join('; ')}`);
  // fromEntries: a parameter named "__proto__" stays an ordinary key.
  return Object.fromEntries(bound);
}

/** Text converted to the declared type when asked; left as it was when it is not one (the check says why). */
function converted(param: Param, value: ParamValue, fromStrings: boolean): ParamValue {
  if (!fromStrings || typeof value !== 'string') return value;
  return paramFromText(param, value) ?? value;
}

function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
