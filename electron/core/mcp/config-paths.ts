import { posix, win32 } from 'node:path';

export interface ConfigLocation {
  client: 'claude-desktop' | 'vscode' | 'vscode-settings' | 'cursor';
  path: string;
}

/**
 * Where the MCP config files of other clients live for the current user, most likely first. The files may not
 * exist; the caller checks. Workspace files (`.vscode/mcp.json`, `.cursor/mcp.json`) depend on a folder and are
 * not listed.
 */
export function defaultConfigPaths(platform: NodeJS.Platform, env: Record<string, string | undefined>): ConfigLocation[] {
  if (platform === 'win32') {
    const { join } = win32;
    const home = env.USERPROFILE ?? join(env.HOMEDRIVE ?? 'C:', env.HOMEPATH ?? '\\');
    const appData = env.APPDATA ?? join(home, 'AppData', 'Roaming');
    const localAppData = env.LOCALAPPDATA ?? join(home, 'AppData', 'Local');
    return [
      { client: 'claude-desktop', path: join(appData, 'Claude', 'claude_desktop_config.json') },
      // MSIX builds (since early 2026) keep their roaming data in the package's virtualised folder
      { client: 'claude-desktop', path: join(localAppData, 'Packages', 'Claude_pzs8sxrjxfjjc', 'LocalCache', 'Roaming', 'Claude', 'claude_desktop_config.json') },
      { client: 'vscode', path: join(appData, 'Code', 'User', 'mcp.json') },
      { client: 'vscode-settings', path: join(appData, 'Code', 'User', 'settings.json') },
      { client: 'cursor', path: join(home, '.cursor', 'mcp.json') },
    ];
  }
  const { join } = posix;
  const home = env.HOME ?? '/';
  const config = platform === 'darwin' ? join(home, 'Library', 'Application Support') : env.XDG_CONFIG_HOME ?? join(home, '.config');
  return [
    { client: 'claude-desktop', path: join(config, 'Claude', 'claude_desktop_config.json') },
    { client: 'vscode', path: join(config, 'Code', 'User', 'mcp.json') },
    { client: 'vscode-settings', path: join(config, 'Code', 'User', 'settings.json') },
    { client: 'cursor', path: join(home, '.cursor', 'mcp.json') },
  ];
}
