import type { ParamValue } from '../../../shared/ir/params.ts';
import { formatReference, parseTemplate, type Reference } from '../../../shared/ir/references.ts';
import { CoreError } from '../errors.ts';

/** What a step's references can see when it runs: the bound parameters and the outputs of finished steps. */
export interface ReferenceScope {
  params: Record<string, ParamValue>;
  steps: Record<string, { exitCode: number | null | undefined; stdout: string; stderr: string; result: unknown }>;
}

/**
 * A deep copy of `value` with every `${params.x}` / `${steps.id.field[.path]}` replaced and `$${` turned into
 * `${`. A string that is exactly one reference becomes the raw value (a number stays a number, a result object
 * an object); inside longer text a value is written as text (objects as JSON, null and undefined as "").
 * Throws a CoreError naming the reference: INVALID_INPUT when a value is not there (no such parameter, step
 * output or result path), INVALID_PLAN for a malformed template (which the plan's checks should have caught).
 */
export function resolveReferences<T>(value: T, scope: ReferenceScope): T {
  return resolveNode(value, scope) as T;
}

function resolveNode(node: unknown, scope: ReferenceScope): unknown {
  if (typeof node === 'string') return resolveString(node, scope);
  if (Array.isArray(node)) return node.map((item) => resolveNode(item, scope));
  if (node !== null && typeof node === 'object') {
    // fromEntries defines own properties, so a "__proto__" key stays data instead of replacing the prototype.
    return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, resolveNode(item, scope)]));
  }
  return node;
}

function resolveString(text: string, scope: ReferenceScope): unknown {
  const parsed = parseTemplate(text);
  if (!parsed.ok) throw new CoreError('INVALID_PLAN', `cannot resolve references in "${text}": ${parsed.error}`);
  const [only] = parsed.parts;
  if (parsed.parts.length === 1 && only?.kind === 'reference') {
    // JSON has no undefined: an absent exit code or result becomes null rather than a vanished field.
    return structuredClone(lookup(only.reference, scope)) ?? null;
  }
  return parsed.parts.map((part) => part.kind === 'literal' ? part.text : asText(lookup(part.reference, scope))).join('');
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function lookup(reference: Reference, scope: ReferenceScope): unknown {
  const written = formatReference(reference);
  if (reference.kind === 'param') {
    if (!Object.hasOwn(scope.params, reference.name)) {
      throw new CoreError('INVALID_INPUT', `${written}: no parameter "${reference.name}" was bound for this run`);
    }
    return scope.params[reference.name];
  }
  if (!Object.hasOwn(scope.steps, reference.step)) {
    throw new CoreError('INVALID_INPUT', `${written}: step "${reference.step}" has no output (it has not run, or it is not in the plan)`);
  }
  const outputs = scope.steps[reference.step];
  let value: unknown = outputs?.[reference.field];
  for (const [depth, key] of reference.path.entries()) {
    const container = value;
    const found = Array.isArray(container)
      ? typeof key === 'number' && key < container.length
      : container !== null && typeof container === 'object' && Object.hasOwn(container, String(key));
    if (!found) {
      const at = ['result', ...reference.path.slice(0, depth)].join('.');
      throw new CoreError('INVALID_INPUT',
        `${written}: step "${reference.step}" ${at} has no ${typeof key === 'number' ? `item ${key}` : `field "${key}"`} (${at} is ${describe(container)})`);
    }
    value = (container as Record<string, unknown>)[String(key)];
  }
  return value;
}

/** A short description of a value for a message: its kind and, when small, its keys or length. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    return keys.length ? `an object with ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''}` : 'an empty object';
  }
  return `a ${typeof value}`;
}
