import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { NewRunEvent } from '../../../shared/domain/run.ts';
import { isSecretMarker, maskedInput, shownParams } from '../../../shared/domain/secret-marker.ts';
import type { ExecuteDeps } from '../../../electron/core/executor/execute-run.ts';
import { maskedDeps, secretMask } from '../../../electron/core/executor/secret-mask.ts';
import { evidenceSha256, sha256Hex } from '../../../electron/core/proofs/evidence.ts';
import type { NewProof, StepOutcome } from '../../../electron/core/queue/store.ts';

describe('secretMask', () => {
  test('nothing to mask: no mask at all', () => {
    assert.equal(secretMask([]), null);
    assert.equal(secretMask(['']), null);
  });

  test('every occurrence in text, the longest secret first', () => {
    const mask = secretMask(['abc', 'xxabcxx'])!;
    assert.equal(mask.text('abc and xxabcxx and abcabc'), '*** and *** and ******');
    assert.equal(mask.text('nothing here'), 'nothing here');
  });

  test('JSON: strings and keys at every depth; numbers, booleans, null kept', () => {
    const mask = secretMask(['s3cr3t'])!;
    const value = { a: 's3cr3t!', list: [1, true, null, 'x s3cr3t'], nested: { s3cr3t: { deep: 's3cr3t' } }, n: 5 };
    assert.deepEqual(mask.json(value), { a: '***!', list: [1, true, null, 'x ***'], nested: { '***': { deep: '***' } }, n: 5 });
    assert.equal(mask.json(null), null);
    assert.equal(mask.json(undefined), undefined);
    const proto = mask.json(JSON.parse('{"__proto__": "s3cr3t"}') as Record<string, unknown>);
    assert.equal(Object.getPrototypeOf(proto), Object.prototype);
    assert.deepEqual(Object.entries(proto), [['__proto__', '***']]);
  });

  test('bytes: every occurrence, the rest untouched (binary too)', () => {
    const mask = secretMask(['tok'])!;
    const content = Buffer.concat([Buffer.from([0, 255]), Buffer.from('tok-tok'), Buffer.from([254])]);
    assert.deepEqual(Buffer.from(mask.bytes(content)), Buffer.concat([Buffer.from([0, 255]), Buffer.from('***-***'), Buffer.from([254])]));
    const plain = Buffer.from('nothing');
    assert.deepEqual(Buffer.from(mask.bytes(plain)), plain);
  });

  test('a multi-line secret is also masked line by line (output comes as lines), short lines excepted', () => {
    const mask = secretMask(['-----BEGIN KEY-----\nMIIBOgIBAAJBAKj34GkxFhD9\n}'])!;
    assert.equal(mask.text('-----BEGIN KEY-----'), '***');
    assert.equal(mask.text('MIIBOgIBAAJBAKj34GkxFhD9'), '***');
    assert.equal(mask.text('{ } }'), '{ } }');
  });
});

describe('maskedDeps: the executor\'s writes, masked', () => {
  const secret = 'hunter2-secret';
  const calls: Record<string, unknown[]> = {};
  const record = (name: string) => (...args: unknown[]) => {
    calls[name] = args;
    return Promise.resolve([]);
  };
  const pushed: NewRunEvent[] = [];
  const deps: ExecuteDeps = {
    store: {
      startStep: record('startStep'), finishStep: record('finishStep'), recordProof: record('recordProof'),
      skipSteps: record('skipSteps'), localQuery: () => Promise.resolve({ fields: [], rows: [], rowCount: 0 }),
      settleSteps: record('settleSteps'), listReusedSteps: () => Promise.resolve([]),
    },
    writer: { push: (event) => pushed.push(event), flush: () => Promise.resolve() },
    publish: () => undefined,
    tools: { run: () => Promise.resolve({ ok: true }) },
    secrets: { get: () => Promise.resolve(null) },
  };
  const masked = maskedDeps(deps, secretMask([secret])!);
  const fence = { runId: 1, claim: 1 };

  test('events: message and payload', () => {
    masked.writer.push({ runId: 1, attempt: 1, stepId: 's', kind: 'output', level: 'info', message: `pw ${secret}`, payload: { stream: 'stdout', echo: secret } });
    assert.deepEqual([pushed[0]!.message, pushed[0]!.payload], ['pw ***', { stream: 'stdout', echo: '***' }]);
  });

  test('step end: error, result and message; skip reasons', async () => {
    const outcome: StepOutcome = { status: 'failed', exitCode: 1, error: `bad ${secret}`, result: { body: secret } };
    await masked.store.finishStep(fence, 0, outcome, `step s failed: bad ${secret}`);
    assert.deepEqual(calls.finishStep, [fence, 0, { status: 'failed', exitCode: 1, error: 'bad ***', result: { body: '***' } }, 'step s failed: bad ***']);
    await masked.store.skipSteps(fence, [1], `because ${secret}`);
    assert.deepEqual(calls.skipSteps, [fence, [1], 'because ***']);
    const outputs = { exitCode: 0, stdout: `pw ${secret}`, stderr: '', truncated: false, result: { token: secret } };
    await masked.store.finishStep(fence, 0, { status: 'succeeded', outputs }, 'done');
    assert.deepEqual((calls.finishStep![2] as StepOutcome).outputs, { ...outputs, stdout: 'pw ***', result: { token: '***' } });
    await masked.store.settleSteps(fence, [{ idx: 2, status: 'skipped', settledBy: 'condition', reason: `is ${secret}`, message: `skipped: is ${secret}`, outputs }]);
    assert.ok(!JSON.stringify(calls.settleSteps).includes(secret), JSON.stringify(calls.settleSteps));
  });

  test('proofs: summary, config, evidence and large evidence, with hashes of what is stored', async () => {
    const evidence = { matched: `token is ${secret}` };
    const content = Buffer.from(`body ${secret}\n`);
    const proof: NewProof = {
      stepId: 's', try: 1, seq: 0, kind: 'output', config: { kind: 'output', regex: secret }, passed: true,
      summary: `matches /${secret}/`, evidence, evidenceSha256: evidenceSha256(evidence),
      large: { name: 'body', mediaType: 'text/plain', sha256: sha256Hex(content), content }, startedAt: new Date(), finishedAt: new Date(),
    };
    await masked.store.recordProof(fence, proof);
    const stored = calls.recordProof![1] as NewProof;
    assert.deepEqual(stored.config, { kind: 'output', regex: '***' });
    assert.equal(stored.summary, 'matches /***/');
    assert.deepEqual(stored.evidence, { matched: 'token is ***' });
    assert.equal(stored.evidenceSha256, evidenceSha256({ matched: 'token is ***' }));
    assert.equal(Buffer.from(stored.large!.content).toString(), 'body ***\n');
    assert.equal(stored.large!.sha256, sha256Hex('body ***\n'));
    assert.ok(!JSON.stringify(stored).includes(secret));
  });
});

describe('secret markers for display', () => {
  test('a marker is shown as ***, everything else as it is', () => {
    const input = { token: { $secret: 'run-param.ab12' }, host: 'web', port: 80, note: '', obj: { $secret: 1 } };
    assert.ok(isSecretMarker(input.token));
    assert.ok(!isSecretMarker(input.obj) && !isSecretMarker({ $secret: 'x', more: 1 }) && !isSecretMarker(null) && !isSecretMarker('***'));
    assert.deepEqual(maskedInput(input), { token: '***', host: 'web', port: 80, note: '', obj: { $secret: 1 } });
    assert.deepEqual(shownParams(input), ['token=***', 'host=web', 'port=80', 'note=""', 'obj={"$secret":1}']);
  });
});
