import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CoreError } from '../../../electron/core/errors.ts';
import { resolveReferences, type ReferenceScope } from '../../../electron/core/plans/resolve-references.ts';

const result = { content: [{ type: 'text', text: 'hello' }], meta: { count: 2, none: null }, '0': 'zero' };
const scope: ReferenceScope = {
  params: { host: 'db.local', port: 5432, dry: false },
  steps: {
    build: { exitCode: 0, stdout: 'v1.2\n', stderr: '', result: undefined },
    list: { exitCode: undefined, stdout: '', stderr: 'warn', result },
    killed: { exitCode: null, stdout: '', stderr: '', result: undefined },
  },
};

/** The CoreError resolveReferences throws for this value; fails if it resolves. */
function refused(value: unknown, code = 'INVALID_INPUT'): CoreError {
  try {
    resolveReferences(value, scope);
  } catch (error) {
    assert.ok(error instanceof CoreError, `expected a CoreError, got ${String(error)}`);
    assert.equal(error.code, code);
    return error;
  }
  assert.fail('the value resolved');
}

describe('resolveReferences', () => {
  test('a string that is one reference becomes the raw value', () => {
    assert.deepEqual(resolveReferences({ p: '${params.port}', d: '${params.dry}', e: '${steps.build.exitCode}' }, scope),
      { p: 5432, d: false, e: 0 });
    assert.deepEqual(resolveReferences('${steps.list.result.content}', scope), [{ type: 'text', text: 'hello' }]);
    assert.equal(resolveReferences('${steps.list.result.content.0.text}', scope), 'hello');
    assert.equal(resolveReferences('${steps.list.result.0}', scope), 'zero', 'an index on an object reads the key "0"');
  });

  test('absent values become null when whole, empty text when mixed', () => {
    assert.deepEqual(resolveReferences(['${steps.list.exitCode}', '${steps.killed.exitCode}', '${steps.build.result}'], scope),
      [null, null, null]);
    assert.equal(resolveReferences('code=${steps.killed.exitCode};n=${steps.list.result.meta.none}.', scope), 'code=;n=.');
  });

  test('mixed text gets values written as text, objects as JSON', () => {
    assert.equal(resolveReferences('psql -h ${params.host} -p ${params.port} # ${params.dry} ${steps.build.stdout}', scope),
      'psql -h db.local -p 5432 # false v1.2\n');
    assert.equal(resolveReferences('meta=${steps.list.result.meta}', scope), 'meta={"count":2,"none":null}');
  });

  test('deep copy: nested values resolved, others kept, the input and the scope untouched', () => {
    const value = { command: 'echo ${params.host}', n: 1, flag: true, none: null, args: ['${steps.list.result.meta}', ['$${x}']] };
    const before = structuredClone(value);
    const out = resolveReferences(value, scope);
    assert.deepEqual(out, { command: 'echo db.local', n: 1, flag: true, none: null, args: [{ count: 2, none: null }, ['${x}']] });
    assert.deepEqual(value, before);
    (out.args[0] as { count: number }).count = 99;
    assert.equal(result.meta.count, 2, 'a raw result is copied, not shared with the scope');
  });

  test('$${ is a literal ${ and is not resolved', () => {
    assert.equal(resolveReferences('echo $${params.host} ${params.host}', scope), 'echo ${params.host} db.local');
  });

  test('keys are kept as they are, "__proto__" included', () => {
    const value = JSON.parse('{"__proto__": "${params.host}", "${params.host}": 1}') as Record<string, unknown>;
    const out = resolveReferences(value, scope);
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.deepEqual(Object.entries(out), [['__proto__', 'db.local'], ['${params.host}', 1]]);
  });

  test('an unbound parameter or an unknown step names the reference', () => {
    assert.match(refused({ a: ['x ${params.user}'] }).message, /\$\{params\.user\}: no parameter "user" was bound/);
    assert.match(refused('${params.toString}').message, /no parameter "toString"/);
    assert.match(refused('${steps.deploy.stdout}').message, /\$\{steps\.deploy\.stdout\}: step "deploy" has no output/);
  });

  test('a result path that is not there says where it stops', () => {
    assert.match(refused('${steps.list.result.content.3.text}').message,
      /\$\{steps\.list\.result\.content\.3\.text\}: step "list" result\.content has no item 3 \(result\.content is an array of 1\)/);
    assert.match(refused('${steps.list.result.meta.count.x}').message, /result\.meta\.count has no field "x" \(result\.meta\.count is a number\)/);
    assert.match(refused('${steps.build.result.x}').message, /step "build" result has no field "x" \(result is undefined\)/);
    assert.match(refused('${steps.list.result.content.length}').message, /result\.content has no field "length"/);
  });

  test('a malformed template is refused', () => {
    assert.match(refused('echo ${steps.build}', 'INVALID_PLAN').message, /cannot resolve references in "echo \$\{steps\.build\}": .*missing the field/);
  });
});
