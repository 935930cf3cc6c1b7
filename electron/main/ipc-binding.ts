import { ipcMain, type WebContents } from 'electron';
import { IPC_CALL_CHANNEL, IPC_PUSH_CHANNEL } from '../../shared/ipc/channels.ts';
import type { Response } from '../../shared/ipc/wire.ts';
import type { IpcConnection, IpcServer } from '../core/index.ts';
import { isAppPage, requestId, type AppPage } from './app-page.ts';

/**
 * Electron IPC to the core's IPC server: one connection per window contents (its watched runs, its pushes),
 * opened on its first call and closed when the contents are destroyed. Every call's sender is checked first:
 * only the app's own page in the top frame, never an iframe or a page the window navigated to. Pushes get the
 * same check, and a navigation of the main frame ends the connection (a reload starts with no watched runs).
 * `onPage` hears when a page starts talking (its first call) and when it is gone: the shell's own pushes wait
 * for the first.
 */
export interface PageHooks {
  connected(sender: WebContents): void;
  disconnected(sender: WebContents): void;
}

export function bindIpc(ipc: IpcServer, page: AppPage, onPage?: PageHooks): () => void {
  const connections = new Map<number, IpcConnection>();

  const connectionFor = (sender: WebContents): IpcConnection => {
    const existing = connections.get(sender.id);
    if (existing) return existing;
    const connection = ipc.connect((push) => {
      if (!sender.isDestroyed() && isAppPage(sender.mainFrame.url, page)) sender.send(IPC_PUSH_CHANNEL, push);
    });
    connections.set(sender.id, connection);
    const end = () => {
      sender.off('did-start-navigation', onNavigation);
      sender.off('destroyed', end);
      connection.close();
      if (connections.get(sender.id) === connection) connections.delete(sender.id);
      onPage?.disconnected(sender);
    };
    const onNavigation = (details: { isMainFrame: boolean; isSameDocument: boolean }) => {
      if (details.isMainFrame && !details.isSameDocument) end(); // hash routes stay in the same document
    };
    sender.on('did-start-navigation', onNavigation);
    sender.on('destroyed', end);
    onPage?.connected(sender);
    return connection;
  };

  ipcMain.handle(IPC_CALL_CHANNEL, (event, request: unknown): Promise<Response> | Response => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isAppPage(frame.url, page)) {
      return { id: requestId(request), ok: false, error: { code: 'UNAUTHORIZED', message: 'only the app\'s own page may call it' } };
    }
    return connectionFor(event.sender).handle(request);
  });

  return () => {
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    connections.forEach((connection) => connection.close());
    connections.clear();
  };
}
