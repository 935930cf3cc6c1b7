import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { exitCodeVerifier } from '../../../electron/core/verifiers/exit-code.ts';
import type { ExitCodeVerifier } from '../../../shared/ir/verifier.ts';
import { verifyContext } from './context.ts';

const verify = (exitCode: number | null | undefined, expect?: ExitCodeVerifier['expect']) =>
  exitCodeVerifier.verify({ kind: 'exit_code', ...(expect === undefined ? {} : { expect }) }, verifyContext({ exitCode }));

describe('exit_code verifier', () => {
  test('0 passes by default; anything else fails naming both codes', async () => {
    assert.deepEqual(await verify(0), { passed: true, summary: 'exit code 0', evidence: { exitCode: 0, expected: [0] } });
    const failed = await verify(3);
    assert.equal(failed.passed, false);
    assert.equal(failed.summary, 'exit code 3, expected 0');
  });

  test('one expected code or a set', async () => {
    assert.equal((await verify(2, 2)).passed, true);
    assert.equal((await verify(1, [0, 1])).passed, true);
    assert.equal((await verify(2, [0, 1])).summary, 'exit code 2, expected one of 0, 1');
  });

  test('a missing exit code fails with a clear summary', async () => {
    for (const code of [null, undefined]) {
      const outcome = await verify(code);
      assert.equal(outcome.passed, false);
      assert.match(outcome.summary, /^no exit code \(killed by a signal, or the tool has none\), expected 0$/);
      assert.deepEqual(outcome.evidence, { exitCode: null, expected: [0] });
    }
  });
});
