// The tray's Electron wiring, kept thin: what the menu holds, which icon, which notification are decided by the
// plain modules beside it (tested under Node); this file only hands their answers to Electron.
import { join } from 'node:path';
import { Menu, nativeImage, nativeTheme, Notification, Tray } from 'electron';
import { isApprovalEvent } from '../../../shared/domain/approval.ts';
import type { OpenTarget } from '../../../shared/ipc/events.ts';
import type { Core } from '../../core/index.ts';
import { menuTemplate } from './menu-template.ts';
import { performTrayAction, readTrayState } from './quick-run.ts';
import { createRefreshScheduler } from './refresh-scheduler.ts';
import { actionFailed, createRunNotifier, type RunNotification } from './run-notifications.ts';
import { trayIconFile } from './tray-icon.ts';
import { buildTrayMenu, statusLine, type TrayAction, type TrayMenuItem, type TrayState } from './tray-menu.ts';

export interface TrayOptions {
  core: Core;
  /** The folder holding tray/ (resources/ in the repository, the packaged app's resources folder). */
  resourcesDir: string;
  /** Show the window, on this target if given (a run, a board filter, a plan's form). */
  onOpen(target?: OpenTarget): void;
  onQuit(): void;
}

export interface TrayHandle {
  /** The menu as last built: what the Electron smoke test reads through its test hook. */
  currentMenu(): TrayMenuItem[];
  /** Reads the core again shortly, once for a burst (after changes the core publishes no event for: a pin, a
   * lane paused in the window). */
  refreshSoon(): void;
  dispose(): void;
}

const EMPTY: TrayState = { counts: { running: 0, queued: 0, failedRecent: 0 }, lanes: [], pinned: [], recentCommands: [] };
/** The 24-hour failure window moves, and another process may change lanes: read again now and then. */
const PERIODIC_MS = 60_000;

// Module level: a Tray only referenced from a closure can be garbage-collected, and its icon vanishes.
let current: Tray | null = null;
// Likewise a shown Notification, whose click would then never arrive.
const shown = new Set<Notification>();

export function startTray({ core, resourcesDir, onOpen, onQuit }: TrayOptions): TrayHandle {
  let state = EMPTY;
  let menu: TrayMenuItem[] = [];
  const notifier = createRunNotifier();
  let actions: Promise<void> = Promise.resolve();

  const notify = (notification: RunNotification) => {
    if (!Notification.isSupported()) return;
    const shownNote = new Notification({ title: notification.title, body: notification.body });
    shownNote.on('click', () => {
      shown.delete(shownNote);
      onOpen(notification.target);
    });
    shownNote.on('close', () => shown.delete(shownNote));
    shown.add(shownNote);
    shownNote.show();
  };

  const iconImage = (busy: boolean) => nativeImage.createFromPath(
    join(resourcesDir, 'tray', trayIconFile({ platform: process.platform, darkTheme: nativeTheme.shouldUseDarkColors, busy })));
  const tray = new Tray(iconImage(false));
  current = tray;

  const show = () => {
    if (tray.isDestroyed()) return;
    menu = buildTrayMenu(state);
    tray.setContextMenu(Menu.buildFromTemplate(menuTemplate(menu, perform))); // set again after every change (Linux)
    tray.setToolTip(`Ops Control Room — ${statusLine(state.counts)}`);
    tray.setImage(iconImage(state.counts.running > 0));
  };

  const scheduler = createRefreshScheduler(async () => {
    state = await readTrayState(core);
    show();
  }, { delayMs: 300, onError: (error) => console.warn('tray: cannot read the core', error) });

  // One action at a time, in order: two quick runs at once would each create the "Quick runs" session.
  function perform(action: TrayAction): void {
    switch (action.kind) {
      case 'open-window': return onOpen();
      case 'open-target': return onOpen(action.target);
      case 'open-plan': return onOpen({ kind: 'plan', planId: action.planId });
      case 'quit': return onQuit();
      default:
        actions = actions.then(() => performTrayAction(core, action)).then((run) => {
          if (run) notifier.track(run).forEach(notify);
          scheduler.soon();
        }, (error: unknown) => notify(actionFailed(action, error)))
          .catch((error: unknown) => console.warn('tray: a notification failed', error)); // the next action still runs
    }
  }

  // A click opens the window where one arrives apart from the menu (Windows, KDE's StatusNotifierItem); macOS
  // shows the menu on a click, and many Linux panels never send one: the menu has "Open Control Room" anyway.
  if (process.platform !== 'darwin') tray.on('click', () => onOpen());
  show();

  const unsubscribe = core.subscribe((events) => {
    notifier.onEvents(events).forEach(notify);
    // An approval asked or decided changes the menu's "Approve…" items.
    if (events.some((event) => event.kind === 'status' || isApprovalEvent(event))) scheduler.soon();
  });
  const onTheme = () => scheduler.soon();
  nativeTheme.on('updated', onTheme);
  const periodic = setInterval(() => scheduler.soon(), PERIODIC_MS);
  void scheduler.now();

  return {
    currentMenu: () => menu,
    refreshSoon: () => scheduler.soon(),
    dispose() {
      scheduler.stop();
      clearInterval(periodic);
      unsubscribe();
      nativeTheme.off('updated', onTheme);
      tray.destroy();
      if (current === tray) current = null;
    },
  };
}
