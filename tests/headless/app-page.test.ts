import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppPage, requestId } from '../../electron/main/app-page.ts';

// The desktop shell's sender check, as plain data: only the app's own page may call the Node side.
const packaged = {};
const dev = { devOrigin: 'http://localhost:5173' };

test('the app:// origin, with any path, query or hash, is the app; nothing else is', () => {
  for (const url of ['app://opsroom/index.html', 'app://opsroom/index.html?x=1#/runs/3', 'app://opsroom/', 'app://opsroom']) {
    assert.ok(isAppPage(url, packaged), url);
    assert.ok(isAppPage(url, dev), `${url}, also under the dev server`);
  }
  for (const url of [
    'app://other/index.html',
    'app://opsroom.example/index.html',
    'app://user:pw@opsroom/index.html',
    'app://user@opsroom/index.html',
    'app://opsroom:8080/index.html',
    'opsroom://run/3',
    'file:///opt/Ops%20Control%20Room/resources/app.asar/out/renderer/index.html',
    'file:///tmp/index.html',
    'https://attacker.example/index.html',
    'https://opsroom/index.html',
    'http://localhost:5173/',
    'about:blank',
    'data:text/html,<script>opsroom</script>',
    '',
    'not a url',
  ]) assert.equal(isAppPage(url, packaged), false, url);
});

test('the dev server\'s origin counts only when the app runs from it', () => {
  assert.ok(isAppPage('http://localhost:5173/', dev));
  assert.ok(isAppPage('http://localhost:5173/index.html?x=1', dev));
  assert.equal(isAppPage('http://localhost:5174/', dev), false);
  assert.equal(isAppPage('http://127.0.0.1:5173/', dev), false);
  assert.equal(isAppPage('https://localhost:5173/', dev), false);
});

test('a refusal answers under the request\'s own id when it has one', () => {
  assert.equal(requestId({ id: 7, method: 'app.info' }), 7);
  assert.equal(requestId({ id: '7' }), null);
  assert.equal(requestId(null), null);
  assert.equal(requestId('garbage'), null);
});
