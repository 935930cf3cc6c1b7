import assert from 'node:assert/strict';
import { test } from 'node:test';
import { permissionDecision } from '../../electron/main/security/permission-policy.ts';

// setPermissionRequestHandler / setPermissionCheckHandler: deny unless the UI needs it and the app asks.
const packaged = {};
const dev = { devOrigin: 'http://localhost:5173' };

test('the Copy buttons may write the clipboard, from the app\'s own page (URL or origin)', () => {
  for (const from of ['app://opsroom/index.html', 'app://opsroom/index.html#/runs/3', 'app://opsroom']) {
    assert.equal(permissionDecision('clipboard-sanitized-write', from, packaged), true, from);
  }
  assert.equal(permissionDecision('clipboard-sanitized-write', 'http://localhost:5173', dev), true);
  assert.equal(permissionDecision('clipboard-sanitized-write', 'http://localhost:5173/', packaged), false, 'no dev server in a packaged app');
});

test('no other page gets even that', () => {
  for (const from of ['https://attacker.example/', 'app://other/index.html', 'file:///tmp/x.html', 'about:blank', '', 'not a url']) {
    assert.equal(permissionDecision('clipboard-sanitized-write', from, dev), false, from);
  }
});

test('every other permission is denied, to the app as well', () => {
  for (const permission of ['clipboard-read', 'deprecated-sync-clipboard-read', 'media', 'notifications', 'geolocation',
    'openExternal', 'fullscreen', 'pointerLock', 'hid', 'serial', 'usb', 'display-capture', 'fileSystem', 'midi',
    'midiSysex', 'idle-detection', 'window-management', 'local-fonts', 'storage-access', 'unknown', '']) {
    assert.equal(permissionDecision(permission, 'app://opsroom/index.html', packaged), false, permission);
  }
});
