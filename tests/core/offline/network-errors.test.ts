import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { httpTool } from '../../../electron/core/executor/http/http-tool.ts';
import type { StepContext } from '../../../electron/core/executor/step-handler.ts';
import { hasNoNetwork } from '../../../electron/core/net/network-error.ts';
import { httpVerifier } from '../../../electron/core/verifiers/http.ts';
import type { HttpVerifier } from '../../../shared/ir/verifier.ts';
import { freePort } from '../../helpers/postgres.ts';
import { verifyContext } from '../verifiers/context.ts';

const verify = (config: Omit<HttpVerifier, 'kind'>) => httpVerifier.verify({ kind: 'http', ...config }, verifyContext());

const toolContext = (): StepContext => ({
  runId: 1, attempt: 1, stepId: 'fetch', signal: new AbortController().signal, output: () => undefined, log: () => undefined,
});

/**
 * A port whose connects hang, as behind a firewall that drops packets: a listener (backlog 1) in a process whose
 * event loop is blocked, so it never accepts; once two connects fill its queue, Linux drops further SYNs.
 */
async function droppingPort(): Promise<{ port: number; close(): void }> {
  const child: ChildProcess = spawn(process.execPath, ['-e', `
    const server = require('node:net').createServer();
    server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
      process.stdout.write(server.address().port + '\\n');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    });`], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => child.stdout!.once('data', (data) => resolve(Number(String(data)))));
  const fillers: Socket[] = [];
  for (let i = 0; i < 3; i++) fillers.push(connect(port, '127.0.0.1').on('error', () => undefined));
  await new Promise((resolve) => setTimeout(resolve, 200));
  return {
    port,
    close() {
      fillers.forEach((socket) => socket.destroy());
      child.kill('SIGKILL');
    },
  };
}

describe('network failures say what happened (real sockets)', () => {
  let dropping: Awaited<ReturnType<typeof droppingPort>>;
  let refused: number;
  before(async () => {
    dropping = await droppingPort();
    refused = await freePort();
  });
  after(() => dropping.close());

  test('a host that does not resolve: named, with the resolver\'s code, offline only if no name server answered', async () => {
    const outcome = await verify({ url: 'http://no-such-host.invalid/health' });
    const { evidence } = outcome;
    assert.equal(outcome.passed, false);
    assert.ok(['ENOTFOUND', 'EAI_AGAIN'].includes(evidence.errorCode as string), String(evidence.errorCode));
    assert.equal(evidence.offline, evidence.errorCode === 'EAI_AGAIN' || hasNoNetwork());
    assert.match(outcome.summary, /^GET http:\/\/no-such-host\.invalid\/health failed: (offline: )?cannot resolve host no-such-host\.invalid \((ENOTFOUND|EAI_AGAIN): /);
    assert.match(evidence.cause as string, /getaddrinfo (ENOTFOUND|EAI_AGAIN) no-such-host\.invalid/, 'the system\'s own words are kept');
  });

  test('a refused loopback port is "connection refused", not offline, and fails at once', async () => {
    const started = Date.now();
    const outcome = await verify({ url: `http://127.0.0.1:${refused}/` });
    assert.ok(Date.now() - started < 1000);
    assert.equal(outcome.summary, `GET http://127.0.0.1:${refused}/ failed: connection refused by 127.0.0.1:${refused} (ECONNREFUSED: nothing listens there)`);
    assert.deepEqual([outcome.evidence.errorCode, outcome.evidence.offline], ['ECONNREFUSED', false]);
  });

  test('a connect that hangs ends at the connect deadline (8 s), not the request timeout', async () => {
    const started = Date.now();
    const outcome = await verify({ url: `http://127.0.0.1:${dropping.port}/`, timeoutMs: 20_000 });
    const took = Date.now() - started;
    assert.ok(took >= 7900 && took < 12_000, `${took} ms`);
    assert.equal(outcome.evidence.error, `offline: no connection to 127.0.0.1:${dropping.port} within 8000 ms (no network, or a firewall drops it?)`);
    assert.deepEqual([outcome.evidence.errorCode, outcome.evidence.offline], ['ETIMEDOUT', true]);
  });

  test('a request timeout shorter than the connect deadline still says the connect never finished', async () => {
    const outcome = await verify({ url: `http://127.0.0.1:${dropping.port}/`, timeoutMs: 500 });
    assert.match(outcome.evidence.error as string, /^offline: no connection to 127\.0\.0\.1:\d+ within 500 ms/);
  });

  test('the http tool classifies the same way', async () => {
    const tool = (url: string, timeoutMs?: number) => httpTool.run({ url, timeoutMs }, toolContext());
    assert.deepEqual(await tool(`http://127.0.0.1:${refused}/`),
      { ok: false, error: `GET http://127.0.0.1:${refused}/ failed: connection refused by 127.0.0.1:${refused} (ECONNREFUSED: nothing listens there)` });
    assert.match((await tool('http://no-such-host.invalid/')).error!, /failed: (offline: )?cannot resolve host no-such-host\.invalid/);
    const started = Date.now();
    assert.match((await tool(`http://127.0.0.1:${dropping.port}/`)).error!, /failed: offline: no connection to 127\.0\.0\.1:\d+ within 8000 ms/);
    assert.ok(Date.now() - started < 12_000, 'not the tool\'s 30 s default timeout');
  });
});
