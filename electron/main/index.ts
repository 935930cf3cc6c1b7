// Thin Electron shell: the core, its IPC binding (sender-checked) and one window. Issue 5 makes it real:
// app:// protocol, CSP header, permission/navigation denial, tray, deep links.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow } from 'electron';
import { createCore, createIpcServer } from '../core/index.ts';
import type { Core, IpcServer } from '../core/index.ts';
import type { AppPage } from './app-page.ts';
import { bindIpc } from './ipc-binding.ts';

let core: Core | undefined;
let ipc: IpcServer | undefined;
let unbindIpc: (() => void) | undefined;
let mainWindow: BrowserWindow | undefined;

const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL; // set by `electron-vite dev` only
const entryFile = join(import.meta.dirname, '../renderer/index.html');
/** The page the window loads, and so the only one the IPC binding answers. */
const appPage: AppPage = { entryFile: pathToFileURL(entryFile).href, devOrigin: devUrl ? new URL(devUrl).origin : undefined };

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
  if (devUrl) void win.loadURL(devUrl);
  else void win.loadFile(entryFile);
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
    ipc = createIpcServer(core, { shell: 'desktop', version: app.getVersion() });
    unbindIpc = bindIpc(ipc, appPage);
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
    unbindIpc?.();
    ipc?.close();
    event.preventDefault();
    void closing.close().finally(() => app.quit());
  });

  app.on('window-all-closed', () => app.quit());
}
