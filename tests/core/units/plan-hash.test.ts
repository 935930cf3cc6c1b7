import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { canonicalJson, planHash } from '../../../electron/core/plans/plan-hash.ts';

const plan = {
  irVersion: 1,
  name: 'deploy',
  steps: [
    { id: 'a', tool: 'shell', input: { command: 'echo a', env: { B: '2', A: '1' } } },
    { id: 'b', tool: 'shell', input: { command: 'echo b' }, timeoutMs: 1000 },
  ],
};

const reordered = {
  steps: [
    { input: { env: { A: '1', B: '2' }, command: 'echo a' }, tool: 'shell', id: 'a' },
    { timeoutMs: 1000, tool: 'shell', input: { command: 'echo b' }, id: 'b' },
  ],
  name: 'deploy',
  irVersion: 1,
};

describe('planHash', () => {
  test('is a sha-256 hex digest', () => {
    assert.match(planHash(plan), /^[0-9a-f]{64}$/);
  });

  test('key order at any depth does not change the hash', () => {
    assert.equal(planHash(reordered), planHash(plan));
    assert.equal(canonicalJson(reordered), canonicalJson(plan));
  });

  test('different content changes the hash', () => {
    const changed = structuredClone(plan);
    changed.steps[1]!.input.command = 'echo B';
    assert.notEqual(planHash(changed), planHash(plan));
    const renamed = { ...plan, name: 'deploy2' };
    assert.notEqual(planHash(renamed), planHash(plan));
  });

  test('step order matters', () => {
    const swapped = { ...plan, steps: [plan.steps[1], plan.steps[0]] };
    assert.notEqual(planHash(swapped), planHash(plan));
  });

  test('a property set to undefined hashes like a missing one', () => {
    assert.equal(planHash({ ...plan, extra: undefined }), planHash(plan));
  });

  test('canonical JSON is valid JSON with sorted keys', () => {
    assert.equal(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }] }), '{"a":[{"c":"x","d":null}],"b":1}');
    assert.deepEqual(JSON.parse(canonicalJson(plan)), plan);
  });
});
