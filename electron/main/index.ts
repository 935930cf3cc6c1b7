// Thin Electron shell (issue 5 makes it real: app:// protocol, CSP header, IPC with sender checks,
// permission/navigation denial, tray, deep links).
import { join } from 'node:path';
import { app, BrowserWindow } from 'electron';
import { createCore } from '../core/index.ts';
import type { Core } from '../core/index.ts';

let core: Core | undefined;
let mainWindow: BrowserWindow | undefined;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  const devUrl = process.env.ELECTRON_RENDERER_URL; // set by `electron-vite dev` only
  if (!app.isPackaged && devUrl) void win.loadURL(devUrl);
  else void win.loadFile(join(import.meta.dirname, '../renderer/index.html'));
  return win;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });

  app.whenReady().then(async () => {
    core = await createCore({
      dataDir: app.getPath('userData'),
      // Bundled worker entries emitted beside this file (see electron.vite.config.ts).
      workerUrls: {
        db: new URL('./db-worker.js', import.meta.url),
        lane: new URL('./lane-worker.js', import.meta.url),
      },
      // Shipped unpacked (electron-builder.yml asarUnpack), so the db-worker thread reads real files.
      migrationsDir: join(app.getAppPath().replace(/app\.asar$/, 'app.asar.unpacked'), 'migrations'),
    });
    mainWindow = createWindow();
  }).catch((error: unknown) => {
    console.error('startup failed', error);
    app.exit(1);
  });

  // Close the core (database, workers) before the process exits, then quit again.
  app.on('will-quit', (event) => {
    const closing = core;
    if (!closing) return;
    core = undefined;
    event.preventDefault();
    void closing.close().finally(() => app.quit());
  });

  app.on('window-all-closed', () => app.quit());
}
