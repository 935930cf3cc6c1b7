import assert from 'node:assert/strict';
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { IpcServer } from '../../electron/core/index.ts';
import { HeadlessError } from '../../electron/headless/loopback.ts';
import { startHeadless, type Headless } from '../../electron/headless/server.ts';
import { FAKE_CSP, fakeRendererDir } from '../helpers/serve.ts';
import { tempDir } from '../helpers/tmp.ts';

// The HTTP side of the headless shell, with no core behind it: files, headers, paths, and what it refuses.
const noIpc: IpcServer = {
  connect: () => ({ handle: async () => ({ id: null, ok: false, error: { code: 'INTERNAL', message: 'no core here' } }), close() {} }),
  close() {},
};

/** A raw request: the path goes out exactly as written (no client-side normalisation of "..") */
function get(port: number, path: string, options: { method?: string; headers?: Record<string, string> } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static serving', () => {
  let server: Headless;
  let rendererDir: string;
  before(async () => {
    rendererDir = fakeRendererDir();
    symlinkSync(join(dirname(rendererDir), 'secret.txt'), join(rendererDir, 'assets/link.txt'));
    server = await startHeadless({ ipc: noIpc, rendererDir, port: 0 });
  });
  after(() => server.close());

  test('/ is index.html with the policy as a header, never cached', async () => {
    const res = await get(server.port, '/');
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(res.headers['content-security-policy'], `${FAKE_CSP}; frame-ancestors 'none'`);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['referrer-policy'], 'no-referrer');
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.match(res.body, /<div id="root">/);
    const head = await get(server.port, '/', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], String(Buffer.byteLength(res.body)));
    assert.equal(head.body, '');
  });

  test('assets with their content types', async () => {
    const js = await get(server.port, '/assets/app.js');
    assert.equal(js.status, 200);
    assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.match(js.headers['cache-control'] as string, /immutable/);
    assert.equal((await get(server.port, '/assets/app.css')).headers['content-type'], 'text/css; charset=utf-8');
    assert.equal((await get(server.port, '/assets/app.js?v=1')).status, 200);
  });

  test('nothing outside the renderer folder: "..", encoded or not, and symlinks', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt', '/assets/link.txt', `/${join(dirname(rendererDir), 'secret.txt')}`]) {
      const res = await get(server.port, path);
      assert.ok(res.status === 404 || res.status === 400, `${path}: ${res.status}`);
      assert.doesNotMatch(res.body, /not for the browser/, path);
      assert.equal(res.headers['content-security-policy'], `${FAKE_CSP}; frame-ancestors 'none'`, `${path}: the error page has the policy too`);
    }
    assert.equal((await get(server.port, '/%E0%A4%A')).status, 400, 'malformed percent-encoding');
    assert.equal((await get(server.port, '/nope.js')).status, 404);
    assert.equal((await get(server.port, '/favicon.ico')).status, 204, 'the browser\'s own request leaves no error in the console');
    assert.equal((await get(server.port, '/assets')).status, 404, 'a folder');
    assert.equal((await get(server.port, '/assets/')).status, 404, 'a folder');
  });

  test('only GET and HEAD, only under its own Host', async () => {
    const post = await get(server.port, '/', { method: 'POST' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.allow, 'GET, HEAD');
    assert.equal((await get(server.port, '/', { headers: { Host: `attacker.example:${server.port}` } })).status, 403);
    assert.equal((await get(server.port, '/', { headers: { Host: `localhost:${server.port}` } })).status, 200);
  });

  test('a plain GET of /ws tells why a socket would be refused (browsers cannot read a failed upgrade)', async () => {
    assert.equal((await get(server.port, '/ws')).status, 401);
    assert.match((await get(server.port, '/ws?token=stale')).body, /open the URL printed by opsroom serve/);
    assert.equal((await get(server.port, `/ws?token=${server.token}`, { headers: { Origin: 'http://attacker.example' } })).status, 403);
    assert.equal((await get(server.port, `/ws?token=${server.token}`)).status, 426);
  });

  test('the URL names the loopback address, the port and a 256-bit token', () => {
    assert.equal(server.url, `http://127.0.0.1:${server.port}/?token=${server.token}`);
    assert.match(server.token, /^[A-Za-z0-9_-]{43}$/);
  });
});

describe('refusing to start', () => {
  test('on anything but a loopback address', async () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'localhost', 'example.com']) {
      await assert.rejects(startHeadless({ ipc: noIpc, rendererDir: fakeRendererDir(), port: 0, host }),
        (e: Error) => e instanceof HeadlessError && /is not a loopback address/.test(e.message), host);
    }
  });

  test('without a built renderer, or one without a policy', async () => {
    await assert.rejects(startHeadless({ ipc: noIpc, rendererDir: tempDir().path, port: 0 }),
      /the renderer is not built .*: run `npm run build` \(or `npm run serve`, which builds first\)/);
    const bare = fakeRendererDir();
    writeFileSync(join(bare, 'index.html'), '<!doctype html><title>no policy</title>');
    await assert.rejects(startHeadless({ ipc: noIpc, rendererDir: bare, port: 0 }), /has no Content-Security-Policy meta tag/);
    rmSync(bare, { recursive: true });
  });

  test('on a port that is taken, saying what to do', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      await assert.rejects(startHeadless({ ipc: noIpc, rendererDir: fakeRendererDir(), port }),
        new RegExp(`port ${port} on 127.0.0.1 is already in use .*--port 0 for a free one`));
    } finally {
      taken.close();
    }
  });
});
