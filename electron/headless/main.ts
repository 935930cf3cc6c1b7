import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createCore, createIpcServer, CoreError, defaultDataDir, type Core, type CoreOptions } from '../core/index.ts';
import { incidentLine } from '../../shared/domain/health.ts';
import { assertLoopback, HeadlessError } from './loopback.ts';
import { loadRenderer } from './renderer-dir.ts';
import { removeServeFile, writeServeFile } from './serve-file.ts';
import { assertPortFree, startHeadless } from './server.ts';

/**
 * The headless shell's process. `opsroom serve` parses the command line and starts this file with an IPC
 * channel, sends it one ServeConfig, and forwards its signals; the two shells share no code, only this message.
 * When the channel drops (the launcher was killed), the server drains and exits as on SIGTERM.
 */
interface ServeConfig {
  core: Pick<CoreOptions, 'dataDir' | 'databaseUrl' | 'lanes' | 'workersPerLane' | 'reclaimAfterMs' | 'schedules' | 'retention'>;
  graceMs: number;
  port: number;
  host: string;
  rendererDir?: string;
}

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const DEFAULT_RENDERER_DIR = `${REPO}out/renderer`;
const VERSION = (JSON.parse(readFileSync(`${REPO}package.json`, 'utf8')) as { version: string }).version;

async function serve(config: ServeConfig): Promise<void> {
  // Cheap checks first: a wrong --host, an unbuilt renderer or a taken port must not cost a database start.
  assertLoopback(config.host);
  const rendererDir = config.rendererDir ?? DEFAULT_RENDERER_DIR;
  loadRenderer(rendererDir);
  await assertPortFree(config.port, config.host);
  // Like `opsroom worker`: the first signal drains, another stops the running steps at once. The handlers are
  // in place before the core starts, so a signal during start-up still ends in a drain, never a bare kill.
  let core: Core | undefined;
  let stop!: () => void;
  let stopRequested = false;
  const stopping = new Promise<void>((resolve) => { stop = resolve; });
  const onSignal = () => {
    if (stopRequested) return void core?.close({ graceMs: 0 });
    stopRequested = true;
    stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('disconnect', onSignal);
  try {
    core = await createCore(config.core);
    core.onHealth((incident, health) => console.error(`opsroom serve: ${incidentLine(incident, health)}`));
    await serveUntil(core, config, rendererDir, stopping);
  } finally {
    await core?.close({ graceMs: config.graceMs });
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('disconnect', onSignal);
  }
}

async function serveUntil(core: Core, config: ServeConfig, rendererDir: string, stopping: Promise<void>): Promise<void> {
  const ipc = createIpcServer(core, { shell: 'headless', version: VERSION });
  let serveFile: string | undefined;
  try {
    const server = await startHeadless({ ipc, rendererDir, port: config.port, host: config.host });
    try {
      const info = { pid: process.pid, url: server.url, port: server.port, token: server.token };
      serveFile = writeServeFile(config.core.dataDir ?? defaultDataDir(), info);
      await new Promise((resolve) => process.stdout.write(`Ops Control Room: ${server.url}\n`, resolve));
      console.error(`opsroom serve: lanes ${core.lanes.served.join(', ')} on ${core.dataDir ?? 'PostgreSQL'}; Ctrl-C stops`);
      await stopping;
      console.error(`opsroom serve: stopping (running steps get ${config.graceMs} ms; Ctrl-C again to stop them now)`);
    } finally {
      await server.close();
    }
  } finally {
    if (serveFile) removeServeFile(serveFile);
    ipc.close();
  }
}

process.once('message', (config: ServeConfig) => {
  serve(config).catch((error: unknown) => {
    const known = error instanceof HeadlessError || error instanceof CoreError;
    console.error(`opsroom serve: ${known ? (error as Error).message : `unexpected error: ${(error as Error).stack ?? error}`}`);
    process.exitCode = known ? 2 : 70;
  }).finally(() => {
    // The channel would keep this process alive; once it is gone, the process ends when its work does.
    if (process.connected) process.disconnect();
  });
});
