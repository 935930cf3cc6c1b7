import type { Server } from 'node:http';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { createCore, type Core } from '../../electron/core/index.ts';
import { tempDir } from './tmp.ts';

export interface SkillServerContext {
  /** A folder removed after the file's tests. */
  dir: string;
  core: Core;
  /** The loopback port the server listens on. */
  port: number;
}

/**
 * A real server on loopback (http or https, made by `makeServer` in the file's folder) and a core (lane A) for a
 * stock skill's test file, started before its tests and stopped after them.
 */
export function useSkillServer(prefix: string, makeServer: (dir: string) => Server): SkillServerContext {
  const dir = tempDir(prefix);
  const context = { dir: dir.path } as SkillServerContext;
  let server: Server | undefined;
  before(async () => {
    const started = makeServer(dir.path);
    server = started;
    await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
    context.port = (started.address() as { port: number }).port;
    context.core = await createCore({ dataDir: join(dir.path, 'data'), lanes: ['A'] });
  });
  after(async () => {
    await context.core?.close();
    server?.closeAllConnections();
    server?.close();
    dir.remove();
  });
  return context;
}
