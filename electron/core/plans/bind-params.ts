import type { Param, ParamValue } from '../../../shared/ir/params.ts';
import type { Plan } from '../../../shared/ir/plan.ts';
import { CoreError } from '../errors.ts';

/**
 * The values a run's `${params.x}` references resolve to: the given ones, then declared defaults. With
 * `fromStrings` (values typed on a command line, `--param k=v`) a string is converted to the declared type:
 * "true"/"false" for a boolean, a finite number for a number. Every problem is reported at once.
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
      const value = coerce(given[name], param, options.fromStrings ?? false);
      if (value === undefined) problems.push(`parameter "${name}" expects ${expected(param)}, got ${shown(given[name])}`);
      else bound.push([name, value]);
    } else if (param.default !== undefined) {
      bound.push([name, param.default]);
    } else {
      const hint = options.fromStrings ? `: pass --param ${name}=VALUE` : '';
      problems.push(`missing parameter "${name}" (${param.type}, no default)${hint}`);
    }
  }
  if (problems.length) throw new CoreError('INVALID_INPUT', `invalid parameters: ${problems.join('; ')}`);
  // fromEntries: a parameter named "__proto__" stays an ordinary key.
  return Object.fromEntries(bound);
}

/** The value as the declared type, or undefined when it is not one. */
function coerce(value: ParamValue | undefined, param: Param, fromStrings: boolean): ParamValue | undefined {
  if (typeof value === param.type) return typeof value === 'number' && !Number.isFinite(value) ? undefined : value;
  if (!fromStrings || typeof value !== 'string') return undefined;
  if (param.type === 'boolean') return value === 'true' ? true : value === 'false' ? false : undefined;
  if (param.type === 'number') {
    // Number('') and Number(' ') are 0: a blank value is a mistake, not zero.
    const number = value.trim() === '' ? NaN : Number(value);
    return Number.isFinite(number) ? number : undefined;
  }
  return undefined;
}

function expected(param: Param): string {
  if (param.type === 'boolean') return 'a boolean (true or false)';
  if (param.type === 'number') return 'a finite number';
  return 'a string';
}

function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
