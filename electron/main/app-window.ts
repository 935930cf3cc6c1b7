import { BrowserWindow, dialog, nativeTheme, shell, type WebContents } from 'electron';
import { navigationDecision } from './security/navigation-policy.ts';
import { windowOptions } from './security/window-options.ts';

/**
 * Every web contents the app creates keeps to the app: no page load away from it (the routes are hash changes),
 * no new windows, no <webview>; allowed https links go to the system browser. Attached to each web contents
 * as it is created, so a frame or a future window gets it too.
 */
export function guardContents(contents: WebContents): void {
  const elsewhere = (url: string) => {
    const decision = navigationDecision(url);
    if (decision !== 'deny') void shell.openExternal(decision.openExternal);
    else console.warn(`opsroom: blocked a navigation to ${url.slice(0, 200)}`);
  };
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    elsewhere(url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault(); // the app has no frames: a frame is not ours
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    elsewhere(url);
    return { action: 'deny' };
  });
}

/** A page that keeps crashing (out of memory, a GPU fault) is not reloaded in a loop: at most this often. */
const RELOADS = { max: 3, windowMs: 60_000 };

/** The control room's window: shown once painted; a crashed page is loaded again rather than left blank. */
export function createAppWindow(options: { preloadPath: string; url: string; devTools: boolean }): BrowserWindow {
  const win = new BrowserWindow(windowOptions({
    preloadPath: options.preloadPath,
    devTools: options.devTools,
    dark: nativeTheme.shouldUseDarkColors,
  }));
  win.once('ready-to-show', () => win.show());
  const reloads: number[] = [];
  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || win.isDestroyed()) return;
    const what = `the window's page stopped (${details.reason}, exit code ${details.exitCode})`;
    const now = Date.now();
    reloads.push(now);
    while (reloads[0]! < now - RELOADS.windowMs) reloads.shift();
    if (reloads.length > RELOADS.max) {
      console.error(`opsroom: ${what} again; not reloading it`);
      dialog.showErrorBox('The control room window keeps stopping', `${what} ${reloads.length} times within a minute. `
        + 'Runs go on in the background (see the tray); close this window and open it again from the tray.');
      return;
    }
    console.error(`opsroom: ${what}; loading it again`);
    void win.loadURL(options.url);
  });
  void win.loadURL(options.url);
  return win;
}
