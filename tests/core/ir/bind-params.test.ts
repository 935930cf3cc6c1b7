import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CoreError } from '../../../electron/core/errors.ts';
import { bindParams } from '../../../electron/core/plans/bind-params.ts';
import type { Plan } from '../../../shared/ir/plan.ts';

const declared: Plan['params'] = {
  host: { type: 'string' },
  port: { type: 'number', default: 5432 },
  dry: { type: 'boolean', default: true },
  label: { type: 'string', default: '' },
};

/** The message of the CoreError bindParams throws; fails if it binds. */
function refused(...args: Parameters<typeof bindParams>): string {
  try {
    bindParams(...args);
  } catch (error) {
    assert.ok(error instanceof CoreError, `expected a CoreError, got ${String(error)}`);
    assert.equal(error.code, 'INVALID_INPUT');
    assert.match(error.message, /^invalid parameters: /);
    return error.message;
  }
  assert.fail('the parameters were bound');
}

describe('bindParams', () => {
  test('given values win, defaults fill the rest', () => {
    assert.deepEqual(bindParams(declared, { host: 'db', dry: false }), { host: 'db', port: 5432, dry: false, label: '' });
  });

  test('no declared params and none given binds nothing', () => {
    assert.deepEqual(bindParams(undefined, {}), {});
    assert.deepEqual(bindParams({}, {}), {});
  });

  test('command-line strings become the declared type', () => {
    const bound = bindParams(declared, { host: '10.0.0.1', port: ' 6543 ', dry: 'false', label: '42' }, { fromStrings: true });
    assert.deepEqual(bound, { host: '10.0.0.1', port: 6543, dry: false, label: '42' });
    assert.equal(bindParams(declared, { host: 'h', dry: 'true', port: '-1.5e3' }, { fromStrings: true }).port, -1500);
  });

  test('bad command-line strings name the parameter and the expected type', () => {
    const fromStrings = { fromStrings: true };
    assert.match(refused(declared, { host: 'h', port: 'abc' }, fromStrings), /parameter "port" expects a finite number, got "abc"/);
    assert.match(refused(declared, { host: 'h', port: '' }, fromStrings), /parameter "port" expects a finite number, got ""/);
    assert.match(refused(declared, { host: 'h', port: 'Infinity' }, fromStrings), /"port" expects a finite number/);
    assert.match(refused(declared, { host: 'h', dry: 'yes' }, fromStrings), /parameter "dry" expects a boolean \(true or false\), got "yes"/);
    assert.match(refused(declared, { host: 'h', dry: 'TRUE' }, fromStrings), /"dry" expects a boolean/);
  });

  test('without fromStrings, values must already have the type', () => {
    assert.match(refused(declared, { host: 'h', port: '5432' }), /parameter "port" expects a finite number, got "5432"/);
    assert.match(refused(declared, { host: 7 }), /parameter "host" expects a string, got 7/);
    assert.match(refused(declared, { host: 'h', port: Number.NaN }), /"port" expects a finite number, got NaN/);
  });

  test('an unknown name is refused with the declared names', () => {
    assert.match(refused(declared, { host: 'h', hots: 'x' }), /unknown parameter "hots" \(declared: host, port, dry, label\)/);
    assert.match(refused(undefined, { x: '1' }), /unknown parameter "x" \(the plan declares none\)/);
    assert.match(refused({}, { constructor: '1' }), /unknown parameter "constructor"/);
  });

  test('a missing required parameter names its type, with the CLI hint for strings', () => {
    assert.match(refused(declared, {}), /missing parameter "host" \(string, no default\)$/);
    assert.match(refused(declared, {}, { fromStrings: true }), /missing parameter "host" \(string, no default\): pass --param host=VALUE/);
  });

  test('every problem is reported at once', () => {
    const message = refused(declared, { port: 'x', extra: true }, { fromStrings: true });
    assert.match(message, /unknown parameter "extra"/);
    assert.match(message, /"port" expects a finite number/);
    assert.match(message, /missing parameter "host"/);
  });

  test('a parameter named __proto__ is bound as an ordinary key', () => {
    const bound = bindParams(JSON.parse('{"__proto__": {"type": "string", "default": "x"}}') as Plan['params'], {});
    assert.equal(Object.getPrototypeOf(bound), Object.prototype);
    assert.deepEqual(Object.entries(bound), [['__proto__', 'x']]);
  });
});
