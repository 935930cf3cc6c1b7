/**
 * Template strings of the Pulser IR: `${params.NAME}` and `${steps.ID.FIELD[.path]}` references inside any
 * string of a step's input or verifiers; `$${` is a literal `${`. Parsing is strict (no spaces, no unknown
 * roots) so a typo is reported when the plan is checked, not discovered as a literal at run time.
 */
export const STEP_FIELDS = ['exitCode', 'stdout', 'stderr', 'result'] as const;
export type StepField = (typeof STEP_FIELDS)[number];

export type Reference =
  | { kind: 'param'; name: string }
  | { kind: 'step'; step: string; field: StepField; path: (string | number)[] };

export type TemplatePart =
  | { kind: 'literal'; text: string }
  | { kind: 'reference'; reference: Reference; source: string };

export type ParsedTemplate = { ok: true; parts: TemplatePart[] } | { ok: false; error: string };

/** Where a reference (or a malformed one) sits inside a JSON value, as a zod-style path. */
export type ValuePath = (string | number)[];
export interface FoundReference { path: ValuePath; reference: Reference; source: string }
export interface ReferenceProblem { path: ValuePath; message: string }

// Kept in step with ParamNameSchema and StepIdSchema; duplicated because importing them would tie this
// parser to zod and to plan.ts, which imports the structure checks that import this file.
const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const STEP_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const PATH_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const PATH_INDEX = /^(0|[1-9][0-9]{0,8})$/;
const FORMS = '${params.NAME} or ${steps.ID.exitCode|stdout|stderr|result[.path]} (write $${ for a literal "${")';

/** Splits a string into literal text and references, or says what is wrong with the first malformed one. */
export function parseTemplate(text: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  let literal = '';
  let at = 0;
  while (at < text.length) {
    if (text.startsWith('$${', at)) {
      literal += '${';
      at += 3;
    } else if (text.startsWith('${', at)) {
      const end = text.indexOf('}', at + 2);
      if (end < 0) return { ok: false, error: `unterminated "\${" at character ${at}: close it with "}" or write $\${ for a literal "\${"` };
      const source = text.slice(at, end + 1);
      const parsed = parseReference(text.slice(at + 2, end));
      if (typeof parsed === 'string') return { ok: false, error: `"${source}": ${parsed}` };
      if (literal) parts.push({ kind: 'literal', text: literal });
      literal = '';
      parts.push({ kind: 'reference', reference: parsed, source });
      at = end + 1;
    } else {
      literal += text[at];
      at += 1;
    }
  }
  if (literal) parts.push({ kind: 'literal', text: literal });
  return { ok: true, parts };
}

/** The inside of `${...}` as a Reference, or why it is not one. */
function parseReference(body: string): Reference | string {
  const segments = body.split('.');
  const [root, name, field, ...path] = segments;
  if (root === 'params') {
    if (name === undefined || segments.length !== 2 || !PARAM_NAME.test(name)) {
      return 'a parameter reference is ${params.NAME}, NAME a letter or "_" then letters, digits or "_"';
    }
    return { kind: 'param', name };
  }
  if (root === 'steps') {
    if (name === undefined || !STEP_ID.test(name)) return `"${name ?? ''}" is not a step id; a step reference is \${steps.ID.FIELD}`;
    if (field === undefined) return `missing the field: use \${steps.${name}.exitCode|stdout|stderr|result}`;
    if (!(STEP_FIELDS as readonly string[]).includes(field)) {
      return `unknown field "${field}": a step reference ends in exitCode, stdout, stderr or result[.path]`;
    }
    if (field !== 'result' && path.length) return `"${field}" has no path; only result can be followed by .path`;
    const keys: (string | number)[] = [];
    for (const segment of path) {
      if (PATH_INDEX.test(segment)) keys.push(Number(segment));
      else if (PATH_KEY.test(segment)) keys.push(segment);
      else return `result path segment "${segment}" is neither a name nor an array index`;
    }
    return { kind: 'step', step: name, field: field as StepField, path: keys };
  }
  return `not a reference: use ${FORMS}`;
}

/** Text that must stay as written (a shell script, a path) as an IR template: every `${` becomes `$${`. A
 * function replacement, because "$$" in a replacement string means "$". */
export const irLiteral = (text: string): string => text.replaceAll('${', () => '$${');

/** The reference written back as template text, for messages. */
export function formatReference(reference: Reference): string {
  if (reference.kind === 'param') return `\${params.${reference.name}}`;
  return `\${${['steps', reference.step, reference.field, ...reference.path].join('.')}}`;
}

/** Every reference in a JSON value (object values and array items, not keys), with where it sits. */
export function collectReferences(value: unknown): { references: FoundReference[]; errors: ReferenceProblem[] } {
  const references: FoundReference[] = [];
  const errors: ReferenceProblem[] = [];
  const walk = (node: unknown, path: ValuePath): void => {
    if (typeof node === 'string') {
      const parsed = parseTemplate(node);
      if (!parsed.ok) errors.push({ path, message: parsed.error });
      else {
        for (const part of parsed.parts) {
          if (part.kind === 'reference') references.push({ path, reference: part.reference, source: part.source });
        }
      }
    } else if (Array.isArray(node)) {
      node.forEach((item, index) => walk(item, [...path, index]));
    } else if (node !== null && typeof node === 'object') {
      for (const [key, item] of Object.entries(node)) walk(item, [...path, key]);
    }
  };
  walk(value, []);
  return { references, errors };
}
