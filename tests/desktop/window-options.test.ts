import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { WINDOW_BACKGROUND, windowOptions } from '../../electron/main/security/window-options.ts';

// The one BrowserWindow's constructor options, read as data: every security-relevant preference is asserted,
// so a change to any of them fails here rather than in a review.
const preloadPath = '/opt/Ops Control Room/resources/app.asar/out/preload/index.cjs';

test('the web preferences lock the page in: isolated, sandboxed, no Node, no webview, web security on', () => {
  assert.deepEqual(windowOptions({ preloadPath, devTools: false, dark: false }).webPreferences, {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    devTools: false,
  });
  assert.equal(windowOptions({ preloadPath, devTools: true, dark: false }).webPreferences?.devTools, true);
});

test('nothing that weakens the page is set at all', () => {
  const options = windowOptions({ preloadPath, devTools: false, dark: true });
  const prefs = (options.webPreferences ?? {}) as Record<string, unknown>;
  for (const key of ['enableBlinkFeatures', 'additionalArguments', 'partition', 'session', 'plugins', 'enableWebSQL', 'enableDeprecatedPaste']) {
    assert.equal(prefs[key], undefined, key);
  }
  assert.equal((options as Record<string, unknown>).parent, undefined);
});

test('hidden until its first paint, on the theme\'s own background, with a usable size', () => {
  const light = windowOptions({ preloadPath, devTools: false, dark: false });
  const dark = windowOptions({ preloadPath, devTools: false, dark: true });
  assert.equal(light.show, false);
  assert.equal(light.backgroundColor, WINDOW_BACKGROUND.light);
  assert.equal(dark.backgroundColor, WINDOW_BACKGROUND.dark);
  assert.ok(light.width! >= light.minWidth! && light.height! >= light.minHeight!);
  assert.ok(light.minWidth! >= 640 && light.minHeight! >= 400);
});

test('the window backgrounds are the stylesheet\'s --bg of each theme', () => {
  const tokens = readFileSync(new URL('../../renderer/src/styles/tokens.css', import.meta.url), 'utf8');
  const bg = (selector: RegExp) => {
    const block = tokens.slice(tokens.search(selector));
    return /--bg:\s*(#[0-9a-f]{6})\s*;/i.exec(block.slice(0, block.indexOf('}')))?.[1];
  };
  assert.equal(bg(/:root\[data-theme="light"\]\s*\{/), WINDOW_BACKGROUND.light);
  assert.equal(bg(/:root\[data-theme="dark"\]\s*\{/), WINDOW_BACKGROUND.dark);
});
