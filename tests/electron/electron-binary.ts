import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
/** The electron npm package (read as files: loading it would start the binary's download). */
const ELECTRON_PACKAGE = join(root, 'node_modules', 'electron');

/**
 * The Electron binary the `electron` package would run, found the way its index.js does (path.txt names the
 * executable under dist/, ELECTRON_OVERRIDE_DIST_PATH replaces dist/) but without its fallback: since Electron 42
 * a missing binary is downloaded on the first `require('electron')`, which needs the network. OPSROOM_ELECTRON
 * names a binary directly. Returns the path, or why there is none.
 */
export function electronBinary(env: NodeJS.ProcessEnv = process.env): { path: string } | { missing: string } {
  if (env.OPSROOM_ELECTRON) {
    return existsSync(env.OPSROOM_ELECTRON) ? { path: env.OPSROOM_ELECTRON } : { missing: `OPSROOM_ELECTRON=${env.OPSROOM_ELECTRON} does not exist` };
  }
  const pathFile = join(ELECTRON_PACKAGE, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const path = join(env.ELECTRON_OVERRIDE_DIST_PATH, executable ?? 'electron');
    return existsSync(path) ? { path } : { missing: `ELECTRON_OVERRIDE_DIST_PATH has no Electron at ${path}` };
  }
  const download = 'it is downloaded on first use, which needs the network: run `node node_modules/electron/install.js` (CI does), '
    + 'or set OPSROOM_ELECTRON to an Electron binary';
  if (!executable) return { missing: `the Electron binary is not installed (no ${pathFile}); ${download}` };
  const path = join(ELECTRON_PACKAGE, 'dist', executable);
  return existsSync(path) ? { path } : { missing: `the Electron binary is missing at ${path}; ${download}` };
}

/** Why Electron cannot show a window here (Linux without a display server), or null. */
export function displayMissing(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string | null {
  if (platform !== 'linux' || env.DISPLAY || env.WAYLAND_DISPLAY) return null;
  return 'no display (DISPLAY / WAYLAND_DISPLAY unset): run under xvfb-run -a (CI does)';
}
