import { randomBytes } from 'node:crypto';
import { isSecretMarker, SECRET_MASK, type SecretMarker } from '../../../shared/domain/secret-marker.ts';
import type { Param, ParamValue } from '../../../shared/ir/params.ts';
import { CoreError } from '../errors.ts';
import { RUN_PARAM_PREFIX, type SecretStore } from '../mcp/secret-store.ts';

export type StoredParams = Record<string, ParamValue | SecretMarker>;

/**
 * A schedule's secret parameter values live in the secret store, never in the schedules table. They are kept
 * the way a run's secret parameters are (a file of their own, never listed among the named secrets people set
 * for servers), under a name that says which schedule they belong to: `run-param.schedule.<token>.<param>`.
 * At each fire the value is read and handed to runs.enqueue, which stores the run's own copy.
 */
const PREFIX = `${RUN_PARAM_PREFIX}schedule.`;

export async function storeScheduleSecrets(
  declared: Record<string, Param>, values: Record<string, ParamValue>, secrets: Pick<SecretStore, 'set' | 'delete'>,
): Promise<{ params: StoredParams; discard(): Promise<void> }> {
  const token = randomBytes(8).toString('hex');
  const stored: string[] = [];
  const discard = async () => {
    for (const name of stored) await secrets.delete(name).catch(() => false);
  };
  const params: [string, ParamValue | SecretMarker][] = [];
  try {
    for (const [param, value] of Object.entries(values)) {
      if (declared[param]?.type !== 'secret' || value === '') {
        params.push([param, value]);
        continue;
      }
      const name = `${PREFIX}${token}.${param}`;
      await secrets.set(name, String(value));
      stored.push(name);
      params.push([param, { $secret: name }]);
    }
  } catch (error) {
    await discard();
    throw error;
  }
  return { params: Object.fromEntries(params), discard };
}

/** The values to fire with: each marker replaced by the secret it names. */
export async function resolveScheduleSecrets(params: StoredParams, secrets: Pick<SecretStore, 'get'>): Promise<Record<string, ParamValue>> {
  const resolved: [string, ParamValue][] = [];
  for (const [param, value] of Object.entries(params)) {
    if (!isSecretMarker(value)) {
      resolved.push([param, value]);
      continue;
    }
    const secret = await secrets.get(value.$secret);
    if (secret === null) {
      throw new CoreError('INVALID_STATE', `the value of the secret parameter "${param}" is gone from the secret store; remove the schedule and add it again`);
    }
    resolved.push([param, secret]);
  }
  return Object.fromEntries(resolved);
}

/** Removing a schedule removes its secrets. Only names this module made are touched. */
export async function deleteScheduleSecrets(params: StoredParams, secrets: Pick<SecretStore, 'delete'>): Promise<void> {
  for (const value of Object.values(params)) {
    if (isSecretMarker(value) && value.$secret.startsWith(PREFIX)) await secrets.delete(value.$secret);
  }
}

/** Parameters as they may be shown: each secret as "***". */
export const shownParams = (params: StoredParams): Record<string, ParamValue> =>
  Object.fromEntries(Object.entries(params).map(([name, value]) => [name, isSecretMarker(value) ? SECRET_MASK : value]));
