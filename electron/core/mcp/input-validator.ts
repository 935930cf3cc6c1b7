import { canonicalJson } from '../plans/plan-hash.ts';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type Dialect = '2020-12' | '2019-09' | 'draft-07';

// strict: false because real servers' schemas carry unknown keywords and formats; a schema is data from a
// server, not our code, and must not fail for style.
const makers: Record<Dialect, () => Ajv | Ajv2019 | Ajv2020> = {
  '2020-12': () => new Ajv2020({ strict: false, allErrors: true }),
  '2019-09': () => new Ajv2019({ strict: false, allErrors: true }),
  'draft-07': () => new Ajv({ strict: false, allErrors: true }),
};
const instances = new Map<Dialect, Ajv | Ajv2019 | Ajv2020>();
const compiled = new Map<string, ValidateFunction>();

/**
 * The 2025-11-25 spec's default dialect is 2020-12, so a schema without `$schema` is read as 2020-12 (the SDK's
 * bundled draft-07 validator silently ignores `prefixItems` and friends). Older drafts go to draft-07 Ajv, which
 * reads draft-04/06 schemas well enough once their `$schema` (unknown to Ajv 8) is dropped.
 */
function dialectOf(schema: Record<string, unknown>): { dialect: Dialect; schema: Record<string, unknown> } {
  const declared = typeof schema.$schema === 'string' ? schema.$schema : undefined;
  if (declared === undefined || declared.includes('2020-12')) return { dialect: '2020-12', schema };
  if (declared.includes('2019-09')) return { dialect: '2019-09', schema };
  if (declared.includes('draft-07')) return { dialect: 'draft-07', schema };
  const { $schema: _dropped, ...rest } = schema;
  return { dialect: 'draft-07', schema: rest };
}

function validatorFor(schema: Record<string, unknown>): ValidateFunction {
  // Canonical: a schema read back from jsonb has its keys reordered, and Ajv refuses a second schema with one $id.
  const key = canonicalJson(schema);
  const cached = compiled.get(key);
  if (cached) return cached;
  const { dialect, schema: readable } = dialectOf(schema);
  let ajv = instances.get(dialect);
  if (!ajv) {
    ajv = makers[dialect]();
    addFormats.default(ajv);
    instances.set(dialect, ajv);
  }
  const validate = ajv.compile(readable);
  compiled.set(key, validate);
  return validate;
}

/** Null when the schema compiles; otherwise why not (discovery skips such a tool: it could never be called). */
export function schemaProblem(schema: Record<string, unknown>): string | null {
  try {
    validatorFor(schema);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Every way `input` breaks `schema`, as "input.path: message"; empty when it is valid. */
export function validateInput(schema: Record<string, unknown>, input: unknown): string[] {
  const validate = validatorFor(schema);
  if (validate(input)) return [];
  return (validate.errors ?? []).map(describe);
}

function describe(error: ErrorObject): string {
  const path = `input${error.instancePath.split('/').slice(1).map(segment).join('')}`;
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return `${path}${segment(String(params.missingProperty))}: is required`;
  if (error.keyword === 'additionalProperties') {
    return `${path}${segment(String(params.additionalProperty))}: is not an allowed property`;
  }
  return `${path}: ${error.message ?? error.keyword}`;
}

/** A JSON-pointer segment as it reads in JavaScript: `.name`, `[3]` or `["odd key"]`. */
function segment(raw: string): string {
  const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
  if (/^\d+$/.test(key)) return `[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}
