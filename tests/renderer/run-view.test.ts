import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Proof } from '../../shared/domain/proof.ts';
import { formatBytes } from '../../renderer/src/features/run/common/bytes.ts';
import { groupProofs } from '../../renderer/src/features/run/proofs/group-proofs.ts';
import { previewJson } from '../../renderer/src/features/run/proofs/json-preview.ts';
import { dagOrder } from '../../renderer/src/features/run/steps/step-order.ts';

describe('dagOrder', () => {
  it('puts every step after what it needs, ties in plan order', () => {
    const steps = [
      { id: 'deploy', needs: ['build', 'test'] },
      { id: 'test', needs: ['build'] },
      { id: 'lint', needs: [] },
      { id: 'build', needs: [] },
    ];
    assert.deepEqual(dagOrder(steps), ['lint', 'build', 'test', 'deploy']);
  });

  it('keeps steps of a cycle or with unknown needs instead of dropping them', () => {
    assert.deepEqual(dagOrder([{ id: 'a', needs: ['b'] }, { id: 'b', needs: ['a'] }, { id: 'c', needs: ['zzz'] }]), ['c', 'a', 'b']);
  });
});

describe('groupProofs', () => {
  let id = 0;
  const proof = (stepId: string, attempt: number, tryNo: number, passed: boolean): Proof => ({
    id: ++id, runId: 1, stepId, attempt, try: tryNo, verifierKind: 'exit_code', config: {}, passed, summary: '',
    evidence: {}, evidenceSha256: '0'.repeat(64), artifactSha256: null, startedAt: new Date(0), finishedAt: new Date(0), phase: 'after', recheckOf: null,
  });

  it('groups by step in the given order and by try; the last try decides', () => {
    const groups = groupProofs([
      proof('b', 1, 2, true), proof('b', 1, 1, false), proof('a', 1, 1, true), proof('a', 1, 1, false), proof('x', 1, 1, true),
    ], ['a', 'b', 'c']);
    assert.deepEqual(groups.map((g) => [g.stepId, g.proven, g.tries.map((t) => [t.try, t.passed, t.proofs.length])]), [
      ['a', false, [[1, false, 2]]],
      ['b', true, [[1, false, 1], [2, true, 1]]],
      ['c', false, []],
      ['x', true, [[1, true, 1]]],
    ]);
  });
});

describe('previewJson', () => {
  it('cuts long strings and says so', () => {
    const preview = previewJson({ body: 'x'.repeat(10), short: 'ok' }, 4);
    assert.equal(preview.truncated, true);
    assert.match(preview.text, /"xxxx… \(6 more characters\)"/);
    assert.deepEqual(previewJson({ a: 1 }), { text: '{\n  "a": 1\n}', truncated: false });
  });
});

describe('formatBytes', () => {
  it('uses binary units', () => {
    assert.deepEqual([0, 1023, 1536, 10 * 1024 * 1024].map(formatBytes), ['0 B', '1023 B', '1.5 KiB', '10 MiB']);
  });
});
