import type { Comparison, Condition } from '../../../shared/ir/conditions.ts';
import { CoreError } from '../errors.ts';
import { resolveReferences, type ReferenceScope } from '../plans/resolve-references.ts';

export type ConditionVerdict = { holds: true } | { holds: false; reason: string };

/**
 * A step's `if`, evaluated just before the step would start. Every string of the condition is resolved like
 * the step's input, then the value and the expectation compare as text (`${steps.a.exitCode}` equals 0 and
 * "0" alike). The reason of a false condition names the value as written, what it was, and what was expected.
 * Throws a CoreError for a reference that cannot resolve or a `matches` that is not a regular expression.
 */
export function evaluateCondition(condition: Condition, scope: ReferenceScope): ConditionVerdict {
  const resolved = resolveReferences(condition, scope);
  if ('all' in resolved) {
    for (const [at, comparison] of resolved.all.entries()) {
      const reason = compare(comparison, (condition as { all: Comparison[] }).all[at]!.value);
      if (reason) return { holds: false, reason: `condition not met: ${reason}` };
    }
    return { holds: true };
  }
  if ('any' in resolved) {
    const reasons: string[] = [];
    for (const [at, comparison] of resolved.any.entries()) {
      const reason = compare(comparison, (condition as { any: Comparison[] }).any[at]!.value);
      if (!reason) return { holds: true };
      reasons.push(reason);
    }
    return { holds: false, reason: `condition not met: none of ${reasons.join('; ')}` };
  }
  const reason = compare(resolved, (condition as Comparison).value);
  return reason ? { holds: false, reason: `condition not met: ${reason}` } : { holds: true };
}

/** Null when the comparison holds, else why not: `${params.env} is "dev", expected "prod"`. */
function compare(comparison: Comparison, written: string): string | null {
  const value = asText(comparison.value);
  const shown = JSON.stringify(shorten(value));
  const is = written === comparison.value ? shown : `${written} is ${shown}`;
  if (Object.hasOwn(comparison, 'equals')) {
    const expected = asText(comparison.equals);
    return value === expected ? null : `${is}, expected ${JSON.stringify(expected)}`;
  }
  if (Object.hasOwn(comparison, 'notEquals')) {
    const refused = asText(comparison.notEquals);
    return value !== refused ? null : `${is}, expected anything but ${JSON.stringify(refused)}`;
  }
  if (comparison.in) {
    const allowed = comparison.in.map(asText);
    return allowed.includes(value) ? null : `${is}, expected one of ${allowed.map((item) => JSON.stringify(item)).join(', ')}`;
  }
  const pattern = comparison.matches ?? '';
  let regex: RegExp;
  try {
    regex = new RegExp(pattern);
  } catch (error) {
    throw new CoreError('INVALID_PLAN', `if.matches /${pattern}/ is not a regular expression: ${(error as Error).message}`);
  }
  return regex.test(value) ? null : `${is}, expected to match /${pattern}/`;
}

/** As resolved references are written into text: null and absent as "", objects as JSON. */
function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function shorten(text: string): string {
  return text.length <= 200 ? text : `${text.slice(0, 200)}…`;
}
