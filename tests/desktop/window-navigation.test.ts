import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXTERNAL_HOSTS, navigationDecision } from '../../electron/main/security/navigation-policy.ts';

// will-navigate and setWindowOpenHandler: the window never leaves the app; a few https links go to the
// system browser, everything else is dropped.

test('https links to an allowed host open in the system browser, normalised', () => {
  assert.deepEqual([...EXTERNAL_HOSTS], ['github.com']);
  for (const [url, opened] of [
    ['https://github.com/', 'https://github.com/'],
    ['https://github.com/opsroom/opsroom/issues/5?x=1#top', 'https://github.com/opsroom/opsroom/issues/5?x=1#top'],
    ['https://GitHub.com/a', 'https://github.com/a'],
    ['https://github.com:443/a', 'https://github.com/a'],
    ['https://github.com/a b', 'https://github.com/a%20b'],
  ]) assert.deepEqual(navigationDecision(url!), { openExternal: opened }, url);
});

test('the app itself never navigates: its routes are hash changes, not page loads', () => {
  for (const url of ['app://opsroom/index.html', 'app://opsroom/index.html#/runs/3', 'app://opsroom/other.html',
    'http://localhost:5173/', 'http://localhost:5173/#/servers']) {
    assert.equal(navigationDecision(url), 'deny', url);
  }
});

test('everything else is dropped', () => {
  for (const url of [
    'http://github.com/',
    'https://gist.github.com/x',
    'https://github.com.attacker.example/',
    'https://attacker.example/github.com',
    'https://user:pw@github.com/',
    'https://user@github.com/',
    'https://github.com:8443/',
    'https://140.82.121.4/',
    'file:///etc/passwd',
    'file://server/share/x',
    'smb://server/share',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'blob:app://opsroom/1234',
    'about:blank',
    'mailto:someone@example.com',
    'ms-settings:privacy',
    'opsroom://run/3',
    'vbscript:msgbox',
    `https://github.com/${'a'.repeat(2100)}`,
    '',
    'not a url',
    '//github.com/',
  ]) assert.equal(navigationDecision(url), 'deny', url);
});
