import assert from 'node:assert/strict';
import { test } from 'node:test';
import { schemaProblem, validateInput } from '../../../electron/core/mcp/input-validator.ts';

const pair = {
  type: 'object',
  properties: { pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }], items: false } },
  required: ['pair'],
};

test('a schema without $schema is 2020-12: prefixItems is enforced', () => {
  assert.deepEqual(validateInput(pair, { pair: ['a', 1] }), []);
  assert.deepEqual(validateInput(pair, { pair: [1, 'a'] }), ['input.pair[0]: must be string', 'input.pair[1]: must be integer']);
  assert.deepEqual(validateInput(pair, { pair: ['a', 1, 'extra'] }), ['input.pair: must NOT have more than 2 items']);
  assert.deepEqual(validateInput({ ...pair, $schema: 'https://json-schema.org/draft/2020-12/schema' }, { pair: [1, 1] }),
    ['input.pair[0]: must be string']);
});

test('draft-07 schemas still work, tuple items included', () => {
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: { pair: { type: 'array', items: [{ type: 'string' }, { type: 'integer' }] }, when: { type: 'string', format: 'date' } },
    required: ['pair'],
    additionalProperties: false,
  };
  assert.deepEqual(validateInput(schema, { pair: ['a', 1], when: '2026-11-25' }), []);
  assert.deepEqual(validateInput(schema, { pair: [1, 1], when: 'tomorrow', extra: true }), [
    'input.extra: is not an allowed property',
    'input.pair[0]: must be string',
    'input.when: must match format "date"',
  ]);
});

test('missing properties and odd keys are named in the path', () => {
  const schema = { type: 'object', properties: { 'odd key': { type: 'number' } }, required: ['a'] };
  assert.deepEqual(validateInput(schema, { 'odd key': 'x' }), ['input.a: is required', 'input["odd key"]: must be number']);
});

test('a schema that cannot compile is reported, not thrown at call time', () => {
  assert.equal(schemaProblem(pair), null);
  assert.match(schemaProblem({ type: 'object', properties: { a: { type: 'strnig' } } })!, /schema is invalid/);
});
