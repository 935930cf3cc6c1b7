/**
 * What a run's stored input holds in place of a secret parameter's value: the name of the entry in the app's
 * secret store (`<data dir>/secrets.json`) that holds it. The lane worker resolves it just before the run.
 */
export interface SecretMarker {
  $secret: string;
}

/** How a secret is shown: in place of a marker, and of the value wherever a run's output would print it. */
export const SECRET_MASK = '***';

export function isSecretMarker(value: unknown): value is SecretMarker {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    && Object.keys(value).length === 1 && typeof (value as Partial<SecretMarker>).$secret === 'string';
}

/** A run's input for display: each secret marker shown as `***`. */
export function maskedInput(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).map(([name, value]) => [name, isSecretMarker(value) ? SECRET_MASK : value]));
}

/** A run's parameters as `name=value` texts (the run view, `opsroom runs show`): secrets as `***`, text as it
 * is ("" when empty), anything else as JSON. */
export function shownParams(input: Record<string, unknown>): string[] {
  return Object.entries(maskedInput(input)).map(([name, value]) =>
    `${name}=${typeof value === 'string' ? (value === '' ? '""' : value) : JSON.stringify(value)}`);
}
