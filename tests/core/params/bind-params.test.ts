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

const typed: Plan['params'] = {
  count: { type: 'integer', min: 1, max: 10 },
  ratio: { type: 'number', min: 0, max: 1, default: 0.5 },
  env: { type: 'enum', values: ['staging', 'production'] },
  name: { type: 'string', min: 2, max: 8, pattern: '[a-z]+' },
  token: { type: 'secret', min: 12, pattern: 'tok_[A-Za-z0-9]+' },
  note: { type: 'string', required: false },
  tier: { type: 'enum', values: ['gold'], required: false },
  apiKey: { type: 'secret', required: false },
};

const good = { count: 3, env: 'staging', name: 'web', token: 'tok_abcdefgh1234' };

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

  test('every type binds a valid value; an unset optional text parameter binds ""', () => {
    assert.deepEqual(bindParams(typed, good),
      { count: 3, ratio: 0.5, env: 'staging', name: 'web', token: 'tok_abcdefgh1234', note: '', tier: '', apiKey: '' });
    const all = bindParams(typed, { ...good, ratio: 1, note: 'n', tier: 'gold', apiKey: 'k' });
    assert.deepEqual([all.ratio, all.note, all.tier, all.apiKey], [1, 'n', 'gold', 'k']);
  });

  test('text is converted to each type: integer, number, boolean, enum, string, secret', () => {
    const bound = bindParams(typed, { count: ' 7 ', ratio: '0.25', env: 'production', name: 'api', token: 'tok_0123456789' }, { fromStrings: true });
    assert.deepEqual(bound, { count: 7, ratio: 0.25, env: 'production', name: 'api', token: 'tok_0123456789', note: '', tier: '', apiKey: '' });
    const cli = bindParams(declared, { host: '10.0.0.1', port: ' 6543 ', dry: 'false', label: '42' }, { fromStrings: true });
    assert.deepEqual(cli, { host: '10.0.0.1', port: 6543, dry: false, label: '42' });
    assert.equal(bindParams(declared, { host: 'h', dry: 'true', port: '-1.5e3' }, { fromStrings: true }).port, -1500);
  });

  test('bad text names the parameter, its type, what it must be and what was given', () => {
    const fromStrings = { fromStrings: true };
    assert.match(refused(declared, { host: 'h', port: 'abc' }, fromStrings), /parameter "port" \(number\) must be a finite number, got "abc"/);
    assert.match(refused(declared, { host: 'h', port: '' }, fromStrings), /parameter "port" \(number\) must be a finite number, got ""/);
    assert.match(refused(declared, { host: 'h', port: 'Infinity' }, fromStrings), /"port" \(number\) must be a finite number/);
    assert.match(refused(declared, { host: 'h', dry: 'yes' }, fromStrings), /parameter "dry" \(boolean\) must be true or false, got "yes"/);
    assert.match(refused(declared, { host: 'h', dry: 'TRUE' }, fromStrings), /"dry" \(boolean\) must be true or false/);
    assert.match(refused(typed, { ...good, count: '2.5' }, fromStrings), /parameter "count" \(integer\) must be a whole number, got 2\.5/);
    assert.match(refused(typed, { ...good, count: 'three' }, fromStrings), /parameter "count" \(integer\) must be a whole number, got "three"/);
  });

  test('min/max, pattern, enum values and whole numbers are enforced with the bound in the message', () => {
    assert.match(refused(typed, { ...good, count: 0 }), /parameter "count" \(integer\) must be at least 1, got 0/);
    assert.match(refused(typed, { ...good, count: 11 }), /parameter "count" \(integer\) must be at most 10, got 11/);
    assert.match(refused(typed, { ...good, count: 1.5 }), /parameter "count" \(integer\) must be a whole number, got 1\.5/);
    assert.match(refused(typed, { ...good, ratio: 1.01 }), /parameter "ratio" \(number\) must be at most 1, got 1\.01/);
    assert.match(refused(typed, { ...good, env: 'prod' }), /parameter "env" \(enum\) must be one of staging, production, got "prod"/);
    assert.match(refused(typed, { ...good, name: 'w' }), /parameter "name" \(string\) must be at least 2 characters, got "w"/);
    assert.match(refused(typed, { ...good, name: 'webserver' }), /parameter "name" \(string\) must be at most 8 characters, got "webserver"/);
    assert.match(refused(typed, { ...good, name: 'Web1' }), /parameter "name" \(string\) must match the pattern \[a-z\]\+, got "Web1"/);
    // The pattern matches the whole text, not a part of it.
    assert.match(refused(typed, { ...good, name: 'ab-cd' }), /"name" \(string\) must match the pattern/);
  });

  test('a secret\'s value never appears in a message', () => {
    const cases = ['tok_short', 'not-a-token-at-all', 'tok_with space!'];
    for (const token of cases) {
      const message = refused(typed, { ...good, token });
      assert.match(message, /parameter "token" \(secret\) must (be at least 12 characters|match the pattern tok_\[A-Za-z0-9\]\+)/);
      assert.ok(!message.includes(token), `the secret's value is in: ${message}`);
    }
    assert.match(refused(typed, { ...good, token: 42 as unknown as string }), /parameter "token" \(secret\) must be text$/);
  });

  test('without fromStrings, values must already have the type', () => {
    assert.match(refused(declared, { host: 'h', port: '5432' }), /parameter "port" \(number\) must be a finite number, got "5432"/);
    assert.match(refused(declared, { host: 7 }), /parameter "host" \(string\) must be text, got 7/);
    assert.match(refused(declared, { host: 'h', port: Number.NaN }), /"port" \(number\) must be a finite number, got NaN/);
    assert.match(refused(typed, { ...good, count: '3' }), /"count" \(integer\) must be a whole number, got "3"/);
    assert.match(refused(typed, { ...good, env: true }), /"env" \(enum\) must be text, got true/);
  });

  test('an unknown name is refused with the declared names', () => {
    assert.match(refused(declared, { host: 'h', hots: 'x' }), /unknown parameter "hots" \(declared: host, port, dry, label\)/);
    assert.match(refused(undefined, { x: '1' }), /unknown parameter "x" \(the plan declares none\)/);
    assert.match(refused({}, { constructor: '1' }), /unknown parameter "constructor"/);
  });

  test('a missing required parameter names its type, with the CLI hint for text values', () => {
    assert.match(refused(declared, {}), /missing parameter "host" \(string, no default\)$/);
    assert.match(refused(declared, {}, { fromStrings: true }), /missing parameter "host" \(string, no default\): pass --param host=VALUE/);
    const { token: _token, ...noToken } = good;
    assert.match(refused(typed, noToken), /missing parameter "token" \(secret, no default\)$/);
  });

  test('every problem is reported at once', () => {
    const message = refused(declared, { port: 'x', extra: true }, { fromStrings: true });
    assert.match(message, /unknown parameter "extra"/);
    assert.match(message, /"port" \(number\) must be a finite number/);
    assert.match(message, /missing parameter "host"/);
    const many = refused(typed, { count: 0, env: 'x', name: 'W', token: 'bad' });
    assert.equal(many.split('; ').length, 4, many);
  });

  test('a parameter named __proto__ is bound as an ordinary key', () => {
    const bound = bindParams(JSON.parse('{"__proto__": {"type": "string", "default": "x"}}') as Plan['params'], {});
    assert.equal(Object.getPrototypeOf(bound), Object.prototype);
    assert.deepEqual(Object.entries(bound), [['__proto__', 'x']]);
  });
});
