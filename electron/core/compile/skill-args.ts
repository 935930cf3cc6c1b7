import type { Param } from '../../../shared/ir/params.ts';
import { CoreError } from '../errors.ts';

/** `key=value` words after `/skill`, as text values (converted to each parameter's type when bound). Every
 * problem is reported at once: a word without "=", a key the skill does not declare, a key given twice. */
export function parseSkillArgs(skill: string, args: string[], declared: Record<string, Param>): Record<string, string> {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const key = eq > 0 ? arg.slice(0, eq) : '';
    if (!key) problems.push(`"${arg}" is not key=value`);
    else if (!Object.hasOwn(declared, key)) problems.push(`unknown parameter "${key}"`);
    else if (Object.hasOwn(values, key)) problems.push(`"${key}" is given twice`);
    else values[key] = arg.slice(eq + 1);
  }
  if (problems.length) {
    const names = Object.keys(declared);
    throw new CoreError('INVALID_INPUT', `/${skill}: ${problems.join('; ')} (${names.length ? `parameters: ${names.join(', ')}` : 'it takes no parameters'})`);
  }
  return values;
}

/** The typed text with the values of secret parameters removed, so it can be remembered as a recent command. */
export function withoutSecretArgs(args: string[], declared: Record<string, Param>): string[] {
  return args.filter((arg) => {
    const key = arg.slice(0, Math.max(arg.indexOf('='), 0));
    return declared[key]?.type !== 'secret';
  });
}
