import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runVerifier, VERIFIERS } from '../../../electron/core/verifiers/index.ts';
import type { VerifyContext } from '../../../electron/core/verifiers/verifier.ts';
import { verifyContext } from './context.ts';

describe('runVerifier', () => {
  test('every kind has its module', () => {
    for (const [kind, module] of Object.entries(VERIFIERS)) assert.equal(module.kind, kind);
  });

  test('dispatches by kind and times the run', async () => {
    const before = Date.now();
    const outcome = await runVerifier({ kind: 'output', regex: 'ok' }, verifyContext({ stdout: 'all ok' }));
    assert.equal(outcome.passed, true, outcome.summary);
    assert.ok(outcome.startedAt.getTime() >= before);
    assert.ok(outcome.finishedAt.getTime() >= outcome.startedAt.getTime());
  });

  test('a verifier that throws becomes a failed outcome, never a throw', async () => {
    const ctx = verifyContext();
    const broken: VerifyContext = {
      ...ctx,
      get step(): VerifyContext['step'] {
        throw new Error('step record unreadable');
      },
    };
    const outcome = await runVerifier({ kind: 'exit_code' }, broken);
    assert.equal(outcome.passed, false);
    assert.equal(outcome.summary, 'verifier crashed: step record unreadable');
    assert.deepEqual(outcome.evidence, { error: 'step record unreadable' });
  });
});
