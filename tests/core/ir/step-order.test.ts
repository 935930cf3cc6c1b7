import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ancestors, findCycles, topologicalWaves } from '../../../shared/ir/step-order.ts';

describe('topologicalWaves', () => {
  test('steps without needs are one wave, in declaration order', () => {
    assert.deepEqual(topologicalWaves([{ id: 'b' }, { id: 'a' }, { id: 'c', needs: [] }]), [['b', 'a', 'c']]);
  });

  test('a diamond: each wave after everything it needs, a later wave for the longest chain', () => {
    const steps = [
      { id: 'deploy', needs: ['test', 'build'] },
      { id: 'test', needs: ['build'] },
      { id: 'build' },
      { id: 'lint' },
      { id: 'notify', needs: ['lint', 'deploy'] },
    ];
    assert.deepEqual(topologicalWaves(steps), [['build', 'lint'], ['test'], ['deploy'], ['notify']]);
  });

  test('a repeated need counts once', () => {
    assert.deepEqual(topologicalWaves([{ id: 'a' }, { id: 'b', needs: ['a', 'a'] }]), [['a'], ['b']]);
  });

  test('unchecked input is refused with a message naming the fault', () => {
    assert.throws(() => topologicalWaves([{ id: 'a' }, { id: 'a' }]), /duplicate step id "a"/);
    assert.throws(() => topologicalWaves([{ id: 'a', needs: ['x'] }]), /step "a" needs unknown step "x"/);
    assert.throws(() => topologicalWaves([{ id: 'a', needs: ['b'] }, { id: 'b', needs: ['a'] }, { id: 'c' }]),
      /cycle: a -> b -> a/);
  });
});

describe('ancestors', () => {
  test('each step maps to its transitive needs, not itself', () => {
    const result = ancestors([
      { id: 'a' }, { id: 'b', needs: ['a'] }, { id: 'c', needs: ['b'] }, { id: 'd', needs: ['a'] }, { id: 'e', needs: ['c', 'd'] },
    ]);
    const plain = Object.fromEntries([...result].map(([id, set]) => [id, [...set].sort()]));
    assert.deepEqual(plain, { a: [], b: ['a'], c: ['a', 'b'], d: ['a'], e: ['a', 'b', 'c', 'd'] });
  });

  test('a long dense chain stays fast (each step needs every earlier one)', () => {
    const steps = Array.from({ length: 600 }, (_, i) => ({ id: `s${i}`, needs: Array.from({ length: i }, (_, j) => `s${j}`) }));
    const result = ancestors(steps);
    assert.equal(result.get('s599')?.size, 599);
    assert.equal(result.get('s0')?.size, 0);
  });

  test('a cycle throws', () => {
    assert.throws(() => ancestors([{ id: 'a', needs: ['a'] }]), /cycle: a -> a/);
  });
});

describe('findCycles', () => {
  test('lists each cycle so each step needs the next', () => {
    assert.deepEqual(findCycles([{ id: 'a', needs: ['b'] }, { id: 'b', needs: ['c'] }, { id: 'c', needs: ['a'] }]), [['a', 'b', 'c', 'a']]);
    assert.deepEqual(findCycles([{ id: 'a', needs: ['a'] }]), [['a', 'a']]);
  });

  test('ignores unknown needs and repeated ids, and finds nothing in a DAG', () => {
    assert.deepEqual(findCycles([{ id: 'a', needs: ['zz'] }, { id: 'b', needs: ['a'] }, { id: 'a', needs: ['b'] }]), []);
  });

  test('stops at the limit', () => {
    const steps = Array.from({ length: 30 }, (_, i) => ({ id: `s${i}`, needs: [`s${i}`] }));
    assert.equal(findCycles(steps).length, 10);
    assert.equal(findCycles(steps, 3).length, 3);
  });
});
