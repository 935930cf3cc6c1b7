import { randomBytes } from 'node:crypto';
import { isSecretMarker, type SecretMarker } from '../../../shared/domain/secret-marker.ts';
import type { ParamValue } from '../../../shared/ir/params.ts';
import type { Plan } from '../../../shared/ir/plan.ts';
import { RUN_PARAM_PREFIX, type SecretStore } from '../mcp/secret-store.ts';
import type { SecretSource } from '../mcp/server-env.ts';

/** A run's input as stored: the bound values, each non-empty secret replaced by its marker. */
export type StoredInput = Record<string, ParamValue | SecretMarker>;

const isSecretParam = (plan: Plan, name: string) => Object.hasOwn(plan.params ?? {}, name) && plan.params![name]!.type === 'secret';

/**
 * Moves each non-empty secret value of bound parameters into the secret store under a fresh name, so the
 * database only ever holds its marker. `discard` deletes what was stored, for a run that was not created.
 */
export async function storeSecretParams(
  plan: Plan, bound: Record<string, ParamValue>, secrets: Pick<SecretStore, 'set' | 'delete'>,
): Promise<{ input: StoredInput; discard(): Promise<void> }> {
  const names: string[] = [];
  const discard = async () => {
    for (const name of names) await secrets.delete(name);
  };
  const input: [string, ParamValue | SecretMarker][] = [];
  try {
    for (const [param, value] of Object.entries(bound)) {
      if (!isSecretParam(plan, param) || value === '') {
        input.push([param, value]);
        continue;
      }
      const name = `${RUN_PARAM_PREFIX}${randomBytes(16).toString('hex')}`;
      await secrets.set(name, String(value));
      names.push(name);
      input.push([param, { $secret: name }]);
    }
  } catch (error) {
    await discard();
    throw error;
  }
  // fromEntries: a parameter named "__proto__" stays an ordinary key.
  return { input: Object.fromEntries(input), discard };
}

export type ResolvedParams =
  | { params: Record<string, ParamValue>; secretValues: string[] }
  | { missing: string };

/**
 * A stored input's markers replaced by their values, read from the secret store just before the run; with
 * every secret value the run may print (a secret given in clear, as older runs stored it, counts too). The
 * first parameter whose value is gone is `missing`.
 */
export async function resolveSecretParams(plan: Plan, input: Record<string, unknown>, secrets: SecretSource): Promise<ResolvedParams> {
  const params: [string, ParamValue][] = [];
  const secretValues: string[] = [];
  for (const [param, value] of Object.entries(input)) {
    if (isSecretMarker(value)) {
      const stored = await secrets.get(value.$secret);
      if (stored === null) return { missing: param };
      params.push([param, stored]);
      secretValues.push(stored);
    } else {
      params.push([param, value as ParamValue]);
      if (isSecretParam(plan, param) && typeof value === 'string') secretValues.push(value);
    }
  }
  return { params: Object.fromEntries(params), secretValues };
}
