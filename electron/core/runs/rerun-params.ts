import type { Run } from '../../../shared/domain/run.ts';
import { isSecretMarker, type SecretMarker } from '../../../shared/domain/secret-marker.ts';
import type { ParamValue } from '../../../shared/ir/params.ts';
import type { Plan } from '../../../shared/ir/plan.ts';
import { CoreError } from '../errors.ts';

/**
 * A rerun's parameters: the parent's values with `given` over them. A secret the parent stored is kept as its
 * marker (the same stored value, never read back into the API) unless a new value is given for it.
 */
export function rerunParams(plan: Plan, parent: Run, given: Record<string, ParamValue> = {}): {
  params: Record<string, ParamValue>;
  kept: Record<string, SecretMarker>;
} {
  // Checked here, not only by bindParams: it never sees a kept secret, and would leave it out of the list.
  const declared = Object.keys(plan.params ?? {});
  const unknown = Object.keys(given).filter((name) => !declared.includes(name));
  if (unknown.length) {
    throw new CoreError('INVALID_INPUT', `invalid parameters: ${unknown.map((name) => `unknown parameter "${name}"`).join('; ')} `
      + `(${declared.length ? `declared: ${declared.join(', ')}` : 'the plan declares none'})`);
  }
  const params: [string, ParamValue][] = [];
  const kept: [string, SecretMarker][] = [];
  for (const [name, value] of Object.entries(parent.input)) {
    if (Object.hasOwn(given, name)) continue;
    if (isSecretMarker(value)) kept.push([name, value]);
    else params.push([name, value as ParamValue]);
  }
  // fromEntries: a parameter named "__proto__" stays an ordinary key.
  return { params: Object.fromEntries([...params, ...Object.entries(given)]), kept: Object.fromEntries(kept) };
}
