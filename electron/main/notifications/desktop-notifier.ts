// The core's desktop notifications (a run failed, an approval is needed, …) shown with Electron's Notification.
// What they say is decided by the core (electron/core/notify); this file only shows them and routes the click.
import { Notification } from 'electron';
import type { OpenTarget } from '../../../shared/ipc/events.ts';
import type { DesktopNotification } from '../../core/index.ts';

// Module level: a Notification only referenced from a closure can be garbage-collected, and its click lost.
const shown = new Set<Notification>();

export interface DesktopNotifier {
  notify(notification: DesktopNotification): void;
  /** Every notification asked for so far, when `keep` was set (the Electron test reads them). */
  asked(): DesktopNotification[];
}

export function createDesktopNotifier(options: { onOpen(target: OpenTarget): void; keep?: boolean }): DesktopNotifier {
  const asked: DesktopNotification[] = [];
  return {
    notify(notification) {
      if (options.keep) asked.push(notification);
      if (!Notification.isSupported()) return;
      const note = new Notification({ title: notification.title, body: notification.body });
      // The run view is where an approval is decided too: its panel shows the waiting step.
      note.on('click', () => {
        shown.delete(note);
        options.onOpen({ kind: 'run', runId: notification.runId });
      });
      note.on('close', () => shown.delete(note));
      shown.add(note);
      note.show();
    },
    asked: () => [...asked],
  };
}
