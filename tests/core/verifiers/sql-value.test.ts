import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { utf8Excerpt } from '../../../electron/core/verifiers/excerpt.ts';
import { jsonValue, sqlValueEquals } from '../../../electron/core/verifiers/sql-value.ts';

describe('sql value rule', () => {
  test('a number and a decimal string compare as numbers; anything else by deep equality', () => {
    assert.equal(sqlValueEquals('3', 3), true);
    assert.equal(sqlValueEquals('3.50', 3.5), true);
    assert.equal(sqlValueEquals(3, '3'), true);
    assert.equal(sqlValueEquals('3 apples', 3), false);
    assert.equal(sqlValueEquals('', 0), false);
    assert.equal(sqlValueEquals('4', 3), false);
    assert.equal(sqlValueEquals({ a: [1, 2] }, { a: [1, 2] }), true);
    assert.equal(sqlValueEquals({ a: [1, 2] }, { a: [2, 1] }), false);
    assert.equal(sqlValueEquals(null, null), true);
  });

  test('database values become JSON: dates, bytes, bigints, long strings', () => {
    assert.deepEqual(
      jsonValue([new Date('2024-05-01T10:00:00Z'), new Uint8Array([0xde, 0xad]), 12n, undefined, { n: Infinity }]),
      ['2024-05-01T10:00:00.000Z', '\\xdead', '12', null, { n: 'Infinity' }],
    );
    assert.equal(jsonValue('abcdef', 3), 'abc…');
  });

  test('an excerpt never splits a character and holds no NUL', () => {
    assert.deepEqual(utf8Excerpt('aé', 2), { text: 'a', truncated: true });
    assert.deepEqual(utf8Excerpt('a\u0000b', 10), { text: 'a\uFFFDb', truncated: false });
  });
});
