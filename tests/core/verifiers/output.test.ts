import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { outputVerifier } from '../../../electron/core/verifiers/output.ts';
import type { OutputVerifier } from '../../../shared/ir/verifier.ts';
import { verifyContext } from './context.ts';

const step = { stdout: 'starting\nlistening on :8080\ndone\n', stderr: 'warning: slow disk\nERROR: disk full\n' };
const verify = (config: Omit<OutputVerifier, 'kind'>, overrides = {}) =>
  outputVerifier.verify({ kind: 'output', ...config }, verifyContext({ ...step, ...overrides }));

describe('output verifier', () => {
  test('a match in either stream passes, with its text, index and line', async () => {
    const outcome = await verify({ regex: 'listening on :(\\d+)' });
    assert.equal(outcome.passed, true, outcome.summary);
    assert.equal(outcome.summary, 'stdout line 2 matches /listening on :(\\d+)/');
    assert.equal(outcome.evidence.matchedStream, 'stdout');
    assert.equal(outcome.evidence.matched, 'listening on :8080');
    assert.equal(outcome.evidence.index, 9);
    assert.equal(outcome.evidence.line, 2);
    const stderr = await verify({ regex: 'disk full' });
    assert.equal(stderr.evidence.matchedStream, 'stderr');
    assert.equal(stderr.evidence.line, 2);
  });

  test('the stream option limits where it looks; flags apply', async () => {
    assert.equal((await verify({ regex: 'disk full', stream: 'stdout' })).passed, false);
    assert.equal((await verify({ regex: 'LISTENING', stream: 'stdout' })).passed, false);
    assert.equal((await verify({ regex: 'LISTENING', flags: 'i', stream: 'stdout' })).passed, true);
    assert.equal((await verify({ regex: '^done$', flags: 'm' })).passed, true);
  });

  test('absent: a match fails, no match passes', async () => {
    const found = await verify({ regex: '^ERROR', flags: 'm', absent: true });
    assert.equal(found.passed, false);
    assert.equal(found.summary, 'stderr line 2 matches /^ERROR/m, which must be absent');
    const clean = await verify({ regex: 'ERROR', stream: 'stdout', absent: true });
    assert.equal(clean.passed, true, clean.summary);
  });

  test('a miss on truncated output says the output was truncated', async () => {
    const outcome = await verify({ regex: 'ready' }, { truncated: true });
    assert.equal(outcome.passed, false);
    assert.equal(outcome.summary, 'no match for /ready/ in stdout or stderr (output was truncated)');
    assert.equal(outcome.evidence.truncated, true);
  });

  test('the matched text in evidence is capped at 1 KiB', async () => {
    const outcome = await verify({ regex: 'a+' }, { stdout: 'a'.repeat(5000) });
    assert.equal((outcome.evidence.matched as string).length, 1024);
    assert.equal(outcome.evidence.matchTruncated, true);
  });

  test('an invalid regex is a failed outcome naming it', async () => {
    const outcome = await verify({ regex: '(unclosed' });
    assert.equal(outcome.passed, false);
    assert.match(outcome.summary, /^invalid output regex \/\(unclosed\/: /);
  });
});
