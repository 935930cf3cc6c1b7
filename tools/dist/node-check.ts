import { spawnSync, type SpawnSyncOptions, type SpawnSyncReturns } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The Node line the app's core is written for (Electron 45 runs Node 24); the shipped Node helper must match. */
export const MIN_NODE_MAJOR = 24;

/** Throws unless this Node (the one `npm run dist` copies into the installer) is new enough. */
export function assertNodeForDist(version = process.versions.node, execPath = process.execPath): void {
  const major = Number(version.split('.')[0]);
  if (!(major >= MIN_NODE_MAJOR)) {
    throw new Error(`npm run dist ships the Node running it (${execPath}, v${version}) as the app's helper for `
      + `Desktop Commander, and the app needs Node >= ${MIN_NODE_MAJOR}: run it with Node ${MIN_NODE_MAJOR}.`);
  }
}

/** npm's CLI script: the npm running us (npm_execpath), else the one installed beside this Node. */
function npmCli(): string | undefined {
  const running = process.env.npm_execpath;
  if (running && /npm-cli\.[cm]?js$/.test(running)) return running;
  const bin = dirname(process.execPath);
  return [join(bin, 'node_modules', 'npm', 'bin', 'npm-cli.js'), join(bin, '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js')]
    .find((path) => existsSync(path));
}

/**
 * Runs npm: its CLI script on this Node when it can be found (no shell, so arguments need no quoting), else
 * `npm` from PATH (on Windows npm.cmd, through cmd.exe, each argument quoted).
 */
export function runNpm(args: string[], options: SpawnSyncOptions = {}): SpawnSyncReturns<string> {
  const cli = npmCli();
  const opts = { encoding: 'utf8' as const, maxBuffer: 512 * 1024 * 1024, ...options };
  const result = cli
    ? spawnSync(process.execPath, [cli, ...args], opts)
    : process.platform === 'win32'
      ? spawnSync('npm', args.map((arg) => `"${arg.replaceAll('"', '""')}"`), { ...opts, shell: true })
      : spawnSync('npm', args, opts);
  if (result.error) throw new Error(`npm ${args.join(' ')} could not start: ${result.error.message}`);
  return result as SpawnSyncReturns<string>;
}
