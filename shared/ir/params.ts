import { z } from 'zod';

export const ParamNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
  'a parameter name is a letter or "_" then up to 63 letters, digits or "_"');

export const PARAM_TYPES = ['string', 'integer', 'number', 'boolean', 'enum', 'secret'] as const;
export type ParamType = (typeof PARAM_TYPES)[number];

/**
 * A typed plan (or skill) parameter. Without a default it must be given (`--param name=value`), unless
 * `required: false`, which only text-like types allow (an unset one binds to ""). `min`/`max` bound a number's
 * value and a text's length; `pattern` must match the whole text; `values` lists an enum's choices.
 * A secret has no default (a default would sit in the plan in clear); its value is stored outside the database
 * and masked wherever the run's output, events and proofs would show it.
 */
export const ParamSchema = z.strictObject({
  type: z.enum(PARAM_TYPES),
  default: z.union([z.string(), z.number(), z.boolean()]).optional(),
  required: z.boolean().optional(),
  description: z.string().max(500).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  pattern: z.string().min(1).max(500).optional(),
  values: z.array(z.string().min(1).max(200)).min(1).max(200).optional(),
}).superRefine((param, ctx) => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (param.type === 'enum' && !param.values) issue('values', 'an enum parameter lists its choices in "values"');
  if (param.type !== 'enum' && param.values) issue('values', '"values" belongs to an enum parameter');
  if (param.type === 'secret' && param.default !== undefined) issue('default', 'a secret has no default: it would be stored in the plan in clear');
  if (param.required === false && !TEXT_TYPES.has(param.type)) issue('required', `only string, enum and secret parameters may be optional (give a ${param.type} a default instead)`);
  if (param.pattern !== undefined && !TEXT_TYPES.has(param.type)) issue('pattern', '"pattern" applies to string and secret parameters');
  if (param.pattern !== undefined && patternProblem(param.pattern)) issue('pattern', `not a regular expression: ${patternProblem(param.pattern)}`);
  if (param.min !== undefined && param.max !== undefined && param.min > param.max) issue('min', `min ${param.min} is above max ${param.max}`);
  if (param.default !== undefined) {
    const problem = paramValueProblem(param, param.default);
    if (problem) issue('default', `the default ${problem}`);
  }
});

export type Param = z.infer<typeof ParamSchema>;
export type ParamValue = string | number | boolean;

const TEXT_TYPES = new Set<ParamType>(['string', 'enum', 'secret']);

function patternProblem(pattern: string): string | null {
  try {
    new RegExp(pattern, 'u');
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Whether a value of this parameter is text (typed as such on a command line and in a form). */
export const isTextParam = (param: Param): boolean => TEXT_TYPES.has(param.type);

/** Why `value` is not a valid value of `param` ("must be …"), or null when it is. Shared by the core, which
 * binds run parameters, and the renderer's form, so both say the same thing. */
export function paramValueProblem(param: Param, value: ParamValue): string | null {
  switch (param.type) {
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `must be ${param.type === 'integer' ? 'a whole number' : 'a finite number'}`;
      if (param.type === 'integer' && !Number.isInteger(value)) return 'must be a whole number';
      if (param.min !== undefined && value < param.min) return `must be at least ${param.min}`;
      if (param.max !== undefined && value > param.max) return `must be at most ${param.max}`;
      return null;
    }
    default: {
      if (typeof value !== 'string') return 'must be text';
      if (param.type === 'enum') return param.values?.includes(value) ? null : `must be one of ${(param.values ?? []).join(', ')}`;
      if (param.min !== undefined && value.length < param.min) return `must be at least ${param.min} characters`;
      if (param.max !== undefined && value.length > param.max) return `must be at most ${param.max} characters`;
      if (param.pattern !== undefined && !patternProblem(param.pattern) && !new RegExp(`^(?:${param.pattern})$`, 'u').test(value)) {
        return `must match the pattern ${param.pattern}`;
      }
      return null;
    }
  }
}

/** A value typed as text (`--param k=v`, a form field, `/skill k=v`) converted to the parameter's type, or
 * undefined when it is not one. A blank number is a mistake, not zero. */
export function paramFromText(param: Param, text: string): ParamValue | undefined {
  if (param.type === 'boolean') return text === 'true' ? true : text === 'false' ? false : undefined;
  if (param.type === 'number' || param.type === 'integer') {
    const number = text.trim() === '' ? NaN : Number(text);
    return Number.isFinite(number) ? number : undefined;
  }
  return text;
}

/** A parameter a run cannot start without: no default, and not declared optional. */
export const isRequiredParam = (param: Param): boolean => param.default === undefined && param.required !== false;

/** Bound values as they may be shown (a dry run, the draft, a form): every secret's value as "***". */
export const maskSecretValues = (declared: Record<string, Param>, values: Record<string, ParamValue>): Record<string, ParamValue> =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [name, declared[name]?.type === 'secret' ? '***' : value]));
