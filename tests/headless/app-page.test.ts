import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppPage, requestId } from '../../electron/main/app-page.ts';

// The desktop shell's sender check, as plain data: only the app's own page may call the Node side.
const packaged = { entryFile: 'file:///opt/Ops%20Control%20Room/resources/app.asar/out/renderer/index.html' };
const dev = { ...packaged, devOrigin: 'http://localhost:5173' };

test('the built index.html, with any query or hash, is the app; nothing else on disk is', () => {
  assert.ok(isAppPage('file:///opt/Ops%20Control%20Room/resources/app.asar/out/renderer/index.html', packaged));
  assert.ok(isAppPage('file:///opt/Ops%20Control%20Room/resources/app.asar/out/renderer/index.html?run=3#log', packaged));
  for (const url of [
    'file:///opt/Ops%20Control%20Room/resources/app.asar/out/renderer/other.html',
    'file:///tmp/index.html',
    'file://attacker.example/opt/Ops%20Control%20Room/resources/app.asar/out/renderer/index.html',
    'https://attacker.example/index.html',
    'http://localhost:5173/',
    'about:blank',
    'not a url',
  ]) assert.equal(isAppPage(url, packaged), false, url);
});

test('the dev server\'s origin counts only when the app runs from it', () => {
  assert.ok(isAppPage('http://localhost:5173/', dev));
  assert.ok(isAppPage('http://localhost:5173/index.html?x=1', dev));
  assert.equal(isAppPage('http://localhost:5174/', dev), false);
  assert.equal(isAppPage('http://127.0.0.1:5173/', dev), false);
});

test('a refusal answers under the request\'s own id when it has one', () => {
  assert.equal(requestId({ id: 7, method: 'app.info' }), 7);
  assert.equal(requestId({ id: '7' }), null);
  assert.equal(requestId(null), null);
  assert.equal(requestId('garbage'), null);
});
