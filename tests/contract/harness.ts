import { createServer, type Server } from 'node:http';
import { after, before } from 'node:test';
import { join } from 'node:path';
import { startHeadless, type Headless } from '../../electron/headless/server.ts';
import { createCore, createIpcServer, type Core, type IpcServer } from '../../electron/core/index.ts';
import type { Transport } from '../../shared/ipc/bridge.ts';
import type { Push } from '../../shared/ipc/wire.ts';
import { fakeRendererDir } from '../helpers/serve.ts';
import { tempDir } from '../helpers/tmp.ts';

export interface Harness {
  core: Core;
  ipc: IpcServer;
  headless: Headless;
  /** A loopback page of 10 KB: an http verifier keeps a body that size as an artifact. */
  bigPageUrl: string;
}

/** One core, its IPC server and the headless server for a whole test file (a data folder takes seconds). */
export function useHarness(): () => Harness {
  let harness: Harness | undefined;
  let page: Server | undefined;
  before(async () => {
    const core = await createCore({ dataDir: join(tempDir().path, 'data'), pollMs: 100 });
    const ipc = createIpcServer(core, { shell: 'headless', version: '0.0.0-test' });
    const headless = await startHeadless({ ipc, rendererDir: fakeRendererDir(), port: 0 });
    page = createServer((_req, res) => res.end('x'.repeat(10_000)));
    await new Promise<void>((resolve) => page!.listen(0, '127.0.0.1', resolve));
    harness = { core, ipc, headless, bigPageUrl: `http://127.0.0.1:${(page.address() as { port: number }).port}/` };
  });
  after(async () => {
    page?.close();
    if (!harness) return;
    await harness.headless.close();
    harness.ipc.close();
    await harness.core.close({ graceMs: 0 });
  });
  return () => {
    if (!harness) throw new Error('the harness starts in before()');
    return harness;
  };
}

/**
 * Electron IPC as the desktop app has it, minus Electron: every request and response goes through the
 * structured clone algorithm (what ipcRenderer.invoke and webContents.send use), pushes too.
 */
export function electronLikeLink(ipc: IpcServer): { transport: Transport; close(): void } {
  const listeners = new Set<(push: Push) => void>();
  const connection = ipc.connect((push) => {
    const copy = structuredClone(push);
    listeners.forEach((listener) => listener(copy));
  });
  return {
    transport: {
      call: (request) => connection.handle(structuredClone(request)).then((response) => structuredClone(response)),
      onPush(listener) {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    },
    close: () => connection.close(),
  };
}
