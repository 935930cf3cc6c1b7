import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page, WebSocket as PageSocket } from 'playwright';
import { useServedBrowser } from '../helpers/served-browser.ts';

// The built app in a real Chromium, served by `opsroom serve` (`npm test` builds it first): the policy
// header lets the page reach its own WebSocket and nothing else.
const { missing, served: servedNow, browser } = useServedBrowser();

/** Opens a WebSocket from inside the page; resolves with how it went and the first answer. */
const trySocket = (page: Page, url: string) => page.evaluate((target) => new Promise<string>((resolve) => {
  const ws = new WebSocket(target);
  ws.onopen = () => ws.send(JSON.stringify({ id: 1, method: 'app.info', input: {} }));
  ws.onmessage = (event) => { resolve(`answered ${event.data}`); ws.close(); };
  ws.onerror = () => resolve('error');
  setTimeout(() => resolve('timeout'), 5000);
}), url);

test('the app loads under its policy, and its WebSocket to /ws opens and is answered', async (t) => {
  if (missing) return t.skip(missing);
  const served = servedNow();
  const page = await browser().newPage();
  const problems: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  page.on('pageerror', (error) => problems.push(error.message));
  const appSocket = new Promise<PageSocket>((resolve) => page.on('websocket', resolve));

  const response = await page.goto(served.url);
  assert.equal(response?.status(), 200);
  assert.match(response?.headers()['content-security-policy'] ?? '', /connect-src 'self'/);
  const socket = await appSocketAnswered(await withTimeout(appSocket, 'the app opened no WebSocket'));
  assert.equal(new URL(socket.url()).pathname, '/ws');

  // connect-src 'self' covers ws:// to the page's own host and port in Chromium: no extra origin is needed.
  assert.match(await trySocket(page, `ws://127.0.0.1:${served.port}/ws?token=${served.token}`), /^answered .*"shell":"headless"/);
  assert.deepEqual(problems, [], 'no console errors (CSP violations included) while loading and connecting');

  // The control: the same server under another origin is blocked by the policy, so the check above is real.
  assert.equal(await trySocket(page, `ws://localhost:${served.port}/ws?token=${served.token}`), 'error');
  assert.ok(problems.some((p) => /Content Security Policy/.test(p)), problems.join('\n'));
  await page.close();
});

/** Waits for the app's socket to receive its first frame (an answer or a push): it opened and is in use. */
async function appSocketAnswered(socket: PageSocket): Promise<PageSocket> {
  const received = new Promise<void>((resolve, reject) => {
    socket.once('framereceived', () => resolve());
    socket.once('socketerror', (error) => reject(new Error(`the app's socket failed: ${error}`)));
    socket.once('close', () => reject(new Error('the app\'s socket closed')));
  });
  await withTimeout(received, 'the app\'s socket received nothing');
  return socket;
}

function withTimeout<T>(promise: Promise<T>, what: string, ms = 10_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms); }),
  ]);
}
