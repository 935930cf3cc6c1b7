import assert from 'node:assert/strict';
import { readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { before, describe, test } from 'node:test';
import { appProtocolHandler } from '../../electron/main/security/app-protocol-handler.ts';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, resolveAppRequest } from '../../electron/main/security/app-protocol.ts';
import { loadRendererSite, type RendererSite } from '../../electron/web/renderer-site.ts';
import { fakeRendererDir } from '../helpers/serve.ts';
import { builtRendererDir } from './built-renderer.ts';

// The app:// scheme that serves the renderer in the desktop app: its privileges, and what the handler answers,
// against the real build and against crafted URLs.

test('the scheme is standard and secure, reads its own files only: no CSP bypass, no cross-origin reads', () => {
  assert.equal(APP_SCHEME, 'app');
  assert.equal(APP_ENTRY_URL, 'app://opsroom/index.html');
  assert.deepEqual(APP_SCHEME_PRIVILEGES, {
    scheme: 'app',
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
  });
});

describe('the built renderer over app://', () => {
  let site: RendererSite;
  before(() => {
    site = loadRendererSite(builtRendererDir());
  });

  test('index.html and every asset it names, with their types and the policy', async () => {
    const index = await resolveAppRequest(APP_ENTRY_URL, site);
    assert.equal(index.status, 200);
    assert.equal(index.status === 200 && index.filePath, join(site.root, 'index.html'));
    assert.equal(index.headers['Content-Type'], 'text/html; charset=utf-8');
    assert.equal(index.headers['Cache-Control'], 'no-store');
    assert.equal((await resolveAppRequest('app://opsroom/', site)).status, 200, '/ is index.html');
    const html = readFileSync(join(site.root, 'index.html'), 'utf8');
    const named = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
    assert.ok(named.some((a) => a.endsWith('.js')) && named.some((a) => a.endsWith('.css')), html);
    const types: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
    for (const asset of readdirSync(join(site.root, 'assets'))) {
      const answer = await resolveAppRequest(`app://opsroom/assets/${asset}`, site);
      assert.equal(answer.status, 200, asset);
      const type = types[asset.slice(asset.lastIndexOf('.'))];
      if (type) assert.equal(answer.headers['Content-Type'], type, asset);
      assert.match(answer.headers['Cache-Control']!, /immutable/);
    }
  });

  test('every answer, errors included, carries the policy, nosniff and no-referrer', async () => {
    for (const url of [APP_ENTRY_URL, 'app://opsroom/nope.js', 'app://other/index.html', 'app://opsroom/%E0%A4%A']) {
      const { headers } = await resolveAppRequest(url, site);
      assert.equal(headers['Content-Security-Policy'], site.csp, url);
      assert.match(site.csp, /frame-ancestors 'none'/);
      assert.equal(headers['X-Content-Type-Options'], 'nosniff', url);
      assert.equal(headers['Referrer-Policy'], 'no-referrer', url);
    }
  });

  test('the handler answers a web Request with a Response: the file, HEAD without a body, only GET and HEAD', async () => {
    const handle = appProtocolHandler(site);
    const page = await handle(new Request(APP_ENTRY_URL));
    assert.equal(page.status, 200);
    assert.equal(await page.text(), readFileSync(join(site.root, 'index.html'), 'utf8'));
    assert.equal(page.headers.get('content-security-policy'), site.csp);
    const head = await handle(new Request(APP_ENTRY_URL, { method: 'HEAD' }));
    assert.equal(head.status, 200);
    assert.equal(head.body, null);
    const missing = await handle(new Request('app://opsroom/nope.js'));
    assert.equal(missing.status, 404);
    assert.equal(await missing.text(), 'not found\n');
    assert.equal(missing.headers.get('content-type'), 'text/plain; charset=utf-8');
    const post = await handle(new Request(APP_ENTRY_URL, { method: 'POST', body: 'x' }));
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET, HEAD');
    assert.equal(post.headers.get('content-security-policy'), site.csp);
  });
});

describe('crafted URLs', () => {
  let site: RendererSite;
  let parent: string;
  before(() => {
    const dir = fakeRendererDir();
    parent = dirname(dir);
    symlinkSync(join(parent, 'secret.txt'), join(dir, 'assets/link.txt'));
    site = loadRendererSite(dir);
  });

  test('nothing outside the renderer folder: "..", encoded or not, backslashes, symlinks, absolute paths', async () => {
    for (const url of ['app://opsroom/../secret.txt', 'app://opsroom/%2e%2e/secret.txt', 'app://opsroom/assets/..%2f..%2fsecret.txt',
      'app://opsroom/assets/%2e%2e%2f%2e%2e%2fsecret.txt', 'app://opsroom/..%5csecret.txt', 'app://opsroom/..\\secret.txt',
      'app://opsroom/assets/link.txt', `app://opsroom/${join(parent, 'secret.txt')}`, `app://opsroom/${encodeURIComponent(join(parent, 'secret.txt'))}`,
      'app://opsroom/assets', 'app://opsroom/assets/']) {
      const answer = await resolveAppRequest(url, site);
      assert.ok(answer.status === 404 || answer.status === 400, `${url}: ${answer.status}`);
      assert.equal('filePath' in answer, false, url);
    }
    assert.equal((await resolveAppRequest('app://opsroom/%E0%A4%A', site)).status, 400, 'malformed percent-encoding');
    assert.equal((await resolveAppRequest('app://opsroom/a%00.js', site)).status, 400, 'a NUL byte');
  });

  test('only the app\'s own origin: other hosts, users, ports and schemes get nothing', async () => {
    for (const url of ['app://other/index.html', 'app://opsroom.example/index.html', 'app://user:pw@opsroom/index.html',
      'app://opsroom:8080/index.html', 'file:///index.html', 'https://opsroom/index.html', 'opsroom://run/1', 'app:index.html', 'not a url']) {
      const answer = await resolveAppRequest(url, site);
      assert.equal(answer.status, 404, url);
      assert.equal('filePath' in answer, false, url);
    }
  });

  test('a query or hash does not change the file', async () => {
    const answer = await resolveAppRequest('app://opsroom/assets/app.js?v=1#x', site);
    assert.equal(answer.status === 200 && answer.filePath, join(site.root, 'assets/app.js'));
    assert.equal(answer.headers['Content-Type'], 'text/javascript; charset=utf-8');
    assert.equal(answer.headers['Content-Length'], String(readFileSync(join(site.root, 'assets/app.js')).length));
  });
});
