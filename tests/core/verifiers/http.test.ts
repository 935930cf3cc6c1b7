import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { httpVerifier } from '../../../electron/core/verifiers/http.ts';
import type { HttpVerifier } from '../../../shared/ir/verifier.ts';
import { freePort } from '../../helpers/postgres.ts';
import { verifyContext } from './context.ts';

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
// 'é' is two UTF-8 bytes and the excerpt cut (4096) falls in the middle of one: the excerpt must not split it.
const LARGE = `x${'é'.repeat(50_000)}`;
const HUGE = Buffer.alloc(9 * 1024 * 1024, 'a');
const JSON_BODY = { data: { items: [{ state: 'up', n: 1 }, { state: 'down' }] } };

const hits = new Map<string, number>();
let server: Server;
let base: string;

before(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://localhost');
    const send = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}) => {
      const length = String(Buffer.byteLength(body));
      res.writeHead(status, { 'content-type': type, 'content-length': length, 'set-cookie': 'session=secret', ...extra });
      res.end(body);
    };
    switch (url.pathname) {
      case '/ok': return send(200, 'service is up: ok');
      case '/error': return send(500, 'boom');
      case '/hang': return; // never answers
      case '/flip': {
        // 503 for the first `after` requests of this key, then 200: a service that comes up.
        const key = url.searchParams.get('key')!;
        const count = (hits.get(key) ?? 0) + 1;
        hits.set(key, count);
        return count > Number(url.searchParams.get('after')) ? send(200, 'up') : send(503, 'starting');
      }
      case '/never': return send(503, 'still starting');
      case '/slow': {
        // Slow for the first `slow` requests of this key, then quick: a service that warms up.
        const key = url.searchParams.get('key')!;
        const count = (hits.get(key) ?? 0) + 1;
        hits.set(key, count);
        return count <= Number(url.searchParams.get('slow')) ? void setTimeout(() => send(200, 'late'), 400) : send(200, 'quick');
      }
      case '/json': return send(200, JSON.stringify(JSON_BODY), 'application/json');
      case '/large': return send(200, LARGE);
      case '/huge': return send(200, HUGE, 'application/octet-stream');
      case '/redirect': return send(302, 'moved', 'text/plain', { location: '/ok' });
      case '/echo': {
        let body = '';
        req.on('data', (chunk) => (body += chunk));
        return req.on('end', () => send(200, JSON.stringify({ method: req.method, token: req.headers['x-token'], auth: req.headers.authorization, body }), 'application/json'));
      }
      default: return send(404, 'no such page');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

const verify = (config: Omit<HttpVerifier, 'kind'>, ctx = verifyContext()) => httpVerifier.verify({ kind: 'http', ...config }, ctx);

describe('http verifier', () => {
  test('a 200 passes, with status, safe headers, excerpt and body hash as evidence', async () => {
    const outcome = await verify({ url: `${base}/ok`, bodyContains: 'ok', bodyRegex: 'up: \\w+' });
    assert.equal(outcome.passed, true, outcome.summary);
    assert.equal(outcome.summary, `HTTP 200 from ${base}/ok, body contains "ok", body matches /up: \\w+/`);
    const { evidence } = outcome;
    assert.equal(evidence.status, 200);
    assert.equal(evidence.method, 'GET');
    assert.equal(evidence.bodyExcerpt, 'service is up: ok');
    assert.equal(evidence.bodySha256, sha256('service is up: ok'));
    assert.equal(evidence.bodyBytes, 17);
    assert.equal(evidence.attempts, 1);
    assert.equal(evidence.failed, null);
    const headers = evidence.headers as Record<string, string>;
    assert.equal(headers['content-type'], 'text/plain; charset=utf-8');
    assert.equal(headers['content-length'], '17');
    assert.equal('set-cookie' in headers, false, 'set-cookie must never be evidence');
    assert.equal(outcome.large, undefined);
  });

  test('a 500 fails on status; a set of expected statuses accepts it', async () => {
    const failed = await verify({ url: `${base}/error` });
    assert.equal(failed.passed, false);
    assert.deepEqual(failed.evidence.failed, ['status']);
    assert.match(failed.summary, /^HTTP 500 from .*: status 500, expected 200$/);
    const accepted = await verify({ url: `${base}/error`, expectStatus: [500, 503] });
    assert.equal(accepted.passed, true, accepted.summary);
  });

  test('body expectations that miss are each named', async () => {
    const outcome = await verify({ url: `${base}/ok`, bodyContains: 'healthy', bodyRegex: '^down' });
    assert.equal(outcome.passed, false);
    assert.deepEqual(outcome.evidence.failed, ['bodyContains', 'bodyRegex']);
    assert.match(outcome.summary, /body does not contain "healthy"; body does not match \/\^down\//);
  });

  test('a slow response times out as a failed outcome, not a throw', async () => {
    const started = Date.now();
    const outcome = await verify({ url: `${base}/hang`, timeoutMs: 300 });
    assert.equal(outcome.passed, false);
    assert.equal(outcome.evidence.error, 'no complete response within 300 ms');
    assert.deepEqual(outcome.evidence.failed, ['request']);
    assert.ok(Date.now() - started < 4_000);
  });

  test('retryForMs keeps trying a failing check until the service comes up', async () => {
    const outcome = await verify({ url: `${base}/flip?key=a&after=3`, retryForMs: 20_000, intervalMs: 50 });
    assert.equal(outcome.passed, true, outcome.summary);
    assert.equal(outcome.evidence.attempts, 4);
    assert.match(outcome.summary, /\(4 attempts over [\d.]+ s\)$/);
  });

  test('a check that never passes fails at the retry deadline', async () => {
    const outcome = await verify({ url: `${base}/never`, retryForMs: 600, intervalMs: 100 });
    assert.equal(outcome.passed, false);
    assert.equal(outcome.evidence.status, 503);
    assert.ok((outcome.evidence.attempts as number) >= 3, `attempts: ${outcome.evidence.attempts}`);
    assert.ok((outcome.evidence.elapsedMs as number) >= 600, `elapsed: ${outcome.evidence.elapsedMs}`);
  });

  test('a cancel stops the retries at once', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    const outcome = await verify({ url: `${base}/never`, retryForMs: 60_000, intervalMs: 100 }, verifyContext({}, { signal: controller.signal }));
    assert.equal(outcome.passed, false);
    assert.ok(Date.now() - started < 10_000);
    assert.ok((outcome.evidence.attempts as number) >= 1);
    assert.equal(outcome.evidence.cancelled, true);
    assert.match(outcome.summary, /, cancelled$/);
  });

  test('a latency budget: the measured time is evidence; a slow answer fails with both numbers, and is retried', async () => {
    const quick = await verify({ url: `${base}/ok`, maxLatencyMs: 2_000 });
    assert.equal(quick.passed, true, quick.summary);
    assert.equal(typeof quick.evidence.latencyMs, 'number');
    assert.equal(quick.evidence.maxLatencyMs, 2_000);
    assert.match(quick.summary, /, \d+ ms within 2000 ms$/);
    const plain = await verify({ url: `${base}/ok` });
    assert.equal(typeof plain.evidence.latencyMs, 'number', 'latency is evidence even without a budget');
    assert.equal('maxLatencyMs' in plain.evidence, false);

    const slow = await verify({ url: `${base}/slow?key=s1&slow=99`, maxLatencyMs: 100 });
    assert.equal(slow.passed, false);
    assert.deepEqual(slow.evidence.failed, ['latency']);
    assert.ok((slow.evidence.latencyMs as number) >= 400, `latency: ${slow.evidence.latencyMs}`);
    assert.match(slow.summary, new RegExp(`took ${slow.evidence.latencyMs} ms, budget 100 ms$`));

    const warmed = await verify({ url: `${base}/slow?key=s2&slow=2`, maxLatencyMs: 200, retryForMs: 20_000, intervalMs: 50 });
    assert.equal(warmed.passed, true, warmed.summary);
    assert.equal(warmed.evidence.attempts, 3);
    assert.equal(warmed.evidence.bodyExcerpt, 'quick');
  });

  test('a JSON path with array indexes is compared by deep equality', async () => {
    const up = await verify({ url: `${base}/json`, json: { path: 'data.items.0.state', equals: 'up' } });
    assert.equal(up.passed, true, up.summary);
    assert.deepEqual(up.evidence.json, { path: 'data.items.0.state', found: true, value: 'up' });
    const item = await verify({ url: `${base}/json`, json: { path: 'data.items.0', equals: { n: 1, state: 'up' } } });
    assert.equal(item.passed, true, item.summary);
    const down = await verify({ url: `${base}/json`, json: { path: 'data.items.1.state', equals: 'up' } });
    assert.equal(down.passed, false);
    assert.match(down.summary, /json data\.items\.1\.state is "down", expected "up"/);
    const missing = await verify({ url: `${base}/json`, json: { path: 'data.items.5.state', equals: 'up' } });
    assert.match(missing.summary, /json path data\.items\.5\.state not found \(no "5"\)/);
    const notJson = await verify({ url: `${base}/ok`, json: { path: 'a', equals: 1 } });
    assert.match(notJson.summary, /body is not JSON/);
  });

  test('a body over 4 KiB goes to large evidence; the excerpt never splits a character', async () => {
    const outcome = await verify({ url: `${base}/large`, bodyContains: 'éé' });
    assert.equal(outcome.passed, true, outcome.summary);
    const bytes = Buffer.from(LARGE);
    assert.equal(outcome.evidence.bodyBytes, bytes.length);
    assert.equal(outcome.evidence.bodySha256, sha256(bytes));
    const excerpt = outcome.evidence.bodyExcerpt as string;
    assert.equal(Buffer.byteLength(excerpt), 4095);
    assert.equal(excerpt.includes('\uFFFD'), false);
    assert.equal(outcome.evidence.bodyExcerptTruncated, true);
    assert.ok(outcome.large);
    assert.equal(outcome.large.mediaType, 'text/plain');
    assert.equal(sha256(outcome.large.content), sha256(bytes));
    assert.equal(outcome.evidence.largeTruncated, false);
  });

  test('a body over 8 MiB is hashed whole, kept to 8 MiB, and the truncation recorded', async () => {
    const outcome = await verify({ url: `${base}/huge` });
    assert.equal(outcome.passed, true, outcome.summary);
    assert.equal(outcome.evidence.bodyBytes, HUGE.length);
    assert.equal(outcome.evidence.bodySha256, sha256(HUGE));
    assert.equal(outcome.large?.content.length, 8 * 1024 * 1024);
    assert.equal(outcome.evidence.largeTruncated, true);
  });

  test('method, headers and body are sent', async () => {
    const outcome = await verify({
      url: `${base}/echo`, method: 'POST', headers: { 'x-token': 't1' }, body: 'payload',
      json: { path: 'body', equals: 'payload' },
    });
    assert.equal(outcome.passed, true, outcome.summary);
    assert.equal(outcome.evidence.bodyExcerpt, JSON.stringify({ method: 'POST', token: 't1', body: 'payload' }));
  });

  test('an Authorization header without credentials (an unset optional token) is not sent', async () => {
    for (const value of ['Bearer ', 'token', '  ']) {
      const outcome = await verify({ url: `${base}/echo`, headers: { Authorization: value } });
      assert.equal(outcome.passed, true, outcome.summary);
      assert.equal(JSON.parse(outcome.evidence.bodyExcerpt as string).auth, undefined, `sent for ${JSON.stringify(value)}`);
    }
    const sent = await verify({ url: `${base}/echo`, headers: { authorization: 'Bearer t0k' }, json: { path: 'auth', equals: 'Bearer t0k' } });
    assert.equal(sent.passed, true, sent.summary);
  });

  test('redirects are followed unless a 3xx is expected', async () => {
    const followed = await verify({ url: `${base}/redirect`, bodyContains: 'ok' });
    assert.equal(followed.passed, true, followed.summary);
    assert.equal(followed.evidence.finalUrl, `${base}/ok`);
    const redirect = await verify({ url: `${base}/redirect`, expectStatus: 302 });
    assert.equal(redirect.passed, true, redirect.summary);
    assert.equal((redirect.evidence.headers as Record<string, string>).location, '/ok');
  });

  test('a refused connection is a failed outcome with the error', async () => {
    const port = await freePort();
    const outcome = await verify({ url: `http://127.0.0.1:${port}/` });
    assert.equal(outcome.passed, false);
    assert.match(outcome.evidence.error as string, /ECONNREFUSED/);
    assert.match(outcome.summary, new RegExp(`^GET http://127\\.0\\.0\\.1:${port}/ failed: .*ECONNREFUSED`));
  });

  test('only http and https URLs; an invalid regex is named; passwords are masked', async () => {
    const file = await verify({ url: 'file:///etc/passwd' });
    assert.equal(file.passed, false);
    assert.match(file.summary, /only http: and https: URLs are allowed, got file:/);
    const regex = await verify({ url: `${base}/ok`, bodyRegex: '(' });
    assert.match(regex.summary, /invalid bodyRegex \/\(\//);
    const basic = `Basic ${Buffer.from('user:hunter2').toString('base64')}`;
    const secret = await verify({ url: `http://user:hunter2@127.0.0.1:${new URL(base).port}/echo`, json: { path: 'auth', equals: basic } });
    assert.equal(secret.passed, true, secret.summary);
    assert.doesNotMatch(JSON.stringify(secret), /hunter2/);
    assert.match(secret.evidence.url as string, /user:\*\*\*@/);
  });
});
