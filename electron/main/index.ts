// The desktop shell: one instance, the core started before the window shows, the renderer from app://, the
// tray, deep links and plan files, and a quit that drains. Every decision is a plain module beside this file
// (tested under Node); this file only hands their answers to Electron.
import { resolve } from 'node:path';
import { app, dialog, protocol, session, type WebContents } from 'electron';
import type { OpenTarget } from '../../shared/ipc/events.ts';
import { IPC_PUSH_CHANNEL } from '../../shared/ipc/channels.ts';
import { createCore, createIpcServer, defaultDataDir } from '../core/index.ts';
import type { Core, IpcServer } from '../core/index.ts';
import { loadRendererSite } from '../web/renderer-site.ts';
import type { AppPage } from './app-page.ts';
import { createAppWindow, guardContents } from './app-window.ts';
import { bindIpc } from './ipc-binding.ts';
import { createQuitFlow, type QuitFlow } from './lifecycle/quit-flow.ts';
import type { QuitQuestion } from './lifecycle/quit-question.ts';
import { DEEP_LINK_SCHEME, parseDeepLink } from './links/deep-link.ts';
import { isPlanFile, parseLaunchArgs, type LaunchRequest } from './links/launch-args.ts';
import { createOpenQueue } from './links/open-queue.ts';
import { openTargetFor } from './links/plan-file.ts';
import { appPaths } from './paths.ts';
import { bundledServerPaths, stockSkillsPath } from './runtime-paths.ts';
import { appProtocolHandler } from './security/app-protocol-handler.ts';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES } from './security/app-protocol.ts';
import { permissionDecision } from './security/permission-policy.ts';
import { startTray, type TrayHandle } from './tray/tray.ts';
import { createDesktopNotifier } from './notifications/desktop-notifier.ts';

/** How long running steps may finish when the person quits and chooses to wait. */
const QUIT_GRACE_MS = 10_000;

const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL; // set by `electron-vite dev` only
const appPage: AppPage = { devOrigin: devUrl ? new URL(devUrl).origin : undefined };
const paths = appPaths({
  mainDir: import.meta.dirname, appPath: app.getAppPath(), resourcesPath: process.resourcesPath, packaged: app.isPackaged,
});
const testing = process.env.OPSROOM_E2E === '1';

// Before `ready`: app:// must be privileged (standard, secure) when the first page asks for it, and the data
// folder is the one the CLI uses (defaultDataDir honours OPSROOM_DATA_DIR), so both see one database.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.setPath('userData', defaultDataDir());

let core: Core | undefined;
let ipc: IpcServer | undefined;
let unbindIpc: (() => void) | undefined;
let tray: TrayHandle | undefined;
let quitFlow: QuitFlow | undefined;
let window: Electron.BrowserWindow | undefined;
let page: WebContents | undefined;

// Run ended, approval needed: shown natively; a click opens the run. Kept for the Electron test when testing.
const desktopNotifier = createDesktopNotifier({ onOpen: (target) => showWindow(target), keep: testing });
const opens = createOpenQueue((target) => page?.send(IPC_PUSH_CHANNEL, { event: 'app.open', data: { target } }));

function showWindow(target?: OpenTarget): void {
  if (!window || window.isDestroyed()) {
    window = createAppWindow({ preloadPath: paths.preload, url: devUrl ?? APP_ENTRY_URL, devTools: !app.isPackaged });
  } else {
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }
  if (target) opens.open(target);
}

/** A launch request from argv, a second instance or macOS: shown in the window, or its problem explained. */
function handle(request: LaunchRequest): void {
  const opening = core;
  if (!opening) return;
  openTargetFor(opening, request).then((target) => showWindow(target), (error: unknown) => report((error as Error).message));
}

function handleArgs(argv: string[], cwd: string): void {
  const { requests, errors } = parseLaunchArgs(argv, cwd, { defaultApp: process.defaultApp === true });
  showWindow();
  errors.forEach(report);
  requests.forEach(handle);
}

function report(message: string): void {
  console.warn(`opsroom: ${message}`);
  if (!testing) void dialog.showMessageBox({ type: 'warning', message: 'Ops Control Room could not open that', detail: message });
}

async function ask(question: QuitQuestion) {
  const box = { type: 'question' as const, message: question.message, detail: question.detail, noLink: true,
    buttons: question.buttons.map((b) => b.label), defaultId: question.defaultId, cancelId: question.cancelId };
  const { response } = window && !window.isDestroyed() ? await dialog.showMessageBox(window, box) : await dialog.showMessageBox(box);
  return question.buttons[response]?.choice ?? 'cancel';
}

async function start(): Promise<void> {
  protocol.handle(APP_SCHEME, appProtocolHandler(loadRendererSite(paths.rendererDir)));
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permissionDecision(permission, details.requestingUrl, appPage)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission, origin) => permissionDecision(permission, origin, appPage));

  core = await createCore({
    dataDir: app.getPath('userData'),
    workerUrls: { db: paths.dbWorker, lane: paths.laneWorker },
    migrationsDir: paths.migrationsDir,
    stockSkillsDir: stockSkillsPath(paths.resourcesDir),
    schedules: { run: true }, // issue 8: schedules fire while the app runs
    retention: { autoPurge: true }, // issue 8: retention: what the policy says is due goes once a day
    notify: desktopNotifier.notify,
    // The packaged binary cannot run as Node (fuse): bundled servers run on the Node helper it ships.
    ...(app.isPackaged ? { bundledServers: bundledServerPaths(process.resourcesPath, process.platform) } : {}),
  });
  ipc = createIpcServer(core, { shell: 'desktop', version: app.getVersion() });
  unbindIpc = bindIpc(ipc, appPage, {
    connected: (contents) => {
      if (contents !== window?.webContents) return;
      page = contents;
      opens.listening();
    },
    disconnected: (contents) => {
      if (contents !== page) return;
      page = undefined;
      opens.deaf();
    },
  });
  quitFlow = createQuitFlow({
    core, ask, graceMs: QUIT_GRACE_MS,
    onClosing: () => {
      // The window goes first: with the IPC unbound below, a page left open would only show failing calls.
      window?.destroy();
      tray?.dispose();
      unbindIpc?.();
      ipc?.close();
    },
  });
  tray = startTray({ core, resourcesDir: paths.resourcesDir, onOpen: showWindow, onQuit: () => app.quit() });
  // A pause or a pin made in the window publishes no run event: the tray hears of it as the windows do.
  ipc.connect((push) => {
    if (push.event === 'changed') tray?.refreshSoon();
  });
  if (testing) Object.assign(globalThis, { __opsroomTest: { trayMenu: () => tray?.currentMenu() ?? [], notifications: () => desktopNotifier.asked() } });
  else if (process.defaultApp) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [resolve(process.argv[1] ?? '.')]);
  else app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  handleArgs(process.argv, process.cwd());
}

if (!app.requestSingleInstanceLock()) {
  app.quit(); // the first instance gets our argv through 'second-instance'
} else {
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
  // Everything that opens something waits for the core and the IPC binding: a window made earlier would call
  // an IPC handler that does not exist yet. macOS delivers links and files as events, even before `ready`.
  const started = app.whenReady().then(start);
  const whenStarted = (request: LaunchRequest) => void started.then(() => handle(request), () => undefined);
  app.on('second-instance', (_event, argv, cwd) => void started.then(() => handleArgs(argv, cwd), () => undefined));
  app.on('open-url', (event, url) => {
    event.preventDefault();
    try {
      whenStarted(parseDeepLink(url));
    } catch (error) {
      report((error as Error).message);
    }
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (isPlanFile(path)) whenStarted({ kind: 'plan-file', path });
    else report(`${path} is not a plan file (*.opsplan.json)`);
  });
  app.on('activate', () => void started.then(() => showWindow(), () => undefined)); // macOS: the dock icon
  // Closing the window leaves the app in the tray, where its runs go on; Quit is in the tray and app menus.
  app.on('window-all-closed', () => undefined);

  app.on('before-quit', (event) => {
    if (quitFlow?.closed) return;
    event.preventDefault();
    if (!quitFlow) return void started.then(() => app.quit(), () => undefined); // asked during start-up
    quitFlow.request().then((outcome) => {
      if (outcome === 'quit') app.quit();
    }, (error: unknown) => {
      // Never swallow a quit: close what can be closed and go.
      console.error('opsroom: quitting failed', error);
      void core?.close({ graceMs: 0 }).catch(() => undefined).finally(() => app.exit(1));
    });
  });

  started.catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error('opsroom: start-up failed', error);
    dialog.showErrorBox('Ops Control Room could not start', message);
    void core?.close({ graceMs: 0 }).finally(() => app.exit(1));
    if (!core) app.exit(1);
  });
}
