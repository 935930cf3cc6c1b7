import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'Ops Control Room';

/**
 * The same folder Electron's app.getPath('userData') gives the desktop app, so the CLI and the app share one
 * database: macOS ~/Library/Application Support, Windows %APPDATA%, elsewhere $XDG_CONFIG_HOME or ~/.config.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.OPSROOM_DATA_DIR) return env.OPSROOM_DATA_DIR;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}
