import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evidenceSha256 } from '../../electron/core/proofs/evidence.ts';
import { diffLineKind } from '../../shared/domain/diff-line.ts';
import { shownDigest } from '../../renderer/src/features/run/approval/shown-digest.ts';
import { keysForEvents } from '../../renderer/src/data/invalidation.ts';
import { keys } from '../../renderer/src/data/keys.ts';

describe('approval panel', () => {
  it('hashes the document it displays exactly as the core does (WebCrypto, canonical JSON)', async () => {
    const shown = { prompt: 'Ship? ✓', diff: '+a\n-b', evidence: [{ z: 1, a: [true, null] }], run: { id: 3, params: { b: 'x', a: 2.5 } } };
    assert.equal(await shownDigest(shown), evidenceSha256(shown));
    assert.notEqual(await shownDigest({ ...shown, diff: '+a\n-c' }), evidenceSha256(shown));
  });

  it('colours a unified diff as git does', () => {
    assert.deepEqual(['--- a/x', '+++ b/x', '@@ -1 +1 @@', '-old', '+new', ' same', ''].map(diffLineKind),
      ['meta', 'meta', 'meta', 'remove', 'add', 'context', 'context']);
  });

  it('an approval event (asked, decided) refreshes the approvals, other log lines do not', () => {
    const event = (payload: Record<string, unknown> | null) => ({
      seq: 1, runId: 4, attempt: 1, stepId: 'review', ts: new Date(0), kind: 'log' as const, level: 'info' as const, message: 'm', payload,
    });
    assert.deepEqual(keysForEvents([event({ approval: 'requested', stepId: 'review', shownSha256: 'a'.repeat(64), prompt: 'p' })]), [keys.approvalsAll]);
    assert.deepEqual(keysForEvents([event(null)]), []);
  });
});
