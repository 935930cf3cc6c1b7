import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { McpServerConfig } from '../../../../shared/domain/mcp.ts';

export const DC_NAME = 'desktop-commander';

/**
 * Where DC's feature flags are fetched from: loopback port 9 (discard), refused at once, so DC keeps its
 * built-in defaults and never asks desktopcommander.app.
 */
const NO_FLAGS_URL = 'http://127.0.0.1:9/desktop-commander-flags.json';

/**
 * The tools a plan may call by default (DC 0.2.52's list). Left out: set_config_value, which would let one plan
 * clear allowedDirectories or blockedCommands for every later plan on the same warm server, and
 * give_feedback_to_desktop_commander, which opens a web page. A tool a newer DC adds stays off until listed.
 */
export const DC_DEFAULT_TOOLS = [
  'get_config', 'read_file', 'read_multiple_files', 'write_file', 'write_pdf', 'create_directory', 'list_directory',
  'move_file', 'start_search', 'get_more_search_results', 'stop_search', 'list_searches', 'get_file_info', 'edit_block',
  'start_process', 'read_process_output', 'interact_with_process', 'force_terminate', 'list_sessions', 'list_processes',
  'kill_process', 'get_usage_stats', 'get_recent_tool_calls', 'get_prompts',
];

/** DC's HOME inside the app's data folder: its config, logs and caches live there, not in the user's home. */
export function dcHomeDir(dataDir: string): string {
  return join(dataDir, 'mcp', 'desktop-commander');
}

/**
 * Where a bundled JS server runs. Under Node (CLI, `opsroom serve`, tests): this Node and DC from node_modules.
 * The packaged desktop app passes the Node helper and the DC copy it ships outside app.asar, because its own
 * binary has the RunAsNode fuse off (README, "Desktop app security").
 */
export interface BundledServerRuntime {
  nodePath?: string;
  desktopCommanderEntry?: string;
}

/**
 * Desktop Commander as a default MCP server, so an installed app needs no separate Node. `directories` also
 * become DC's allowedDirectories through prepareDcHome, which must run before the server starts.
 */
export function desktopCommanderServer(
  dataDir: string,
  options: { directories?: string[]; runtime?: BundledServerRuntime } = {},
): McpServerConfig {
  const home = dcHomeDir(dataDir);
  const entry = options.runtime?.desktopCommanderEntry
    ?? fileURLToPath(import.meta.resolve('@wonderwhy-er/desktop-commander/dist/index.js'));
  return {
    name: DC_NAME,
    command: options.runtime?.nodePath ?? process.execPath,
    args: [entry, '--no-onboarding'],
    env: {
      HOME: home,
      // os.homedir() reads USERPROFILE on Windows, HOME elsewhere
      ...(process.platform === 'win32' ? { USERPROFILE: home } : {}),
      DESKTOP_COMMANDER_DISABLE_TELEMETRY: '1',
      DC_FLAG_URL: NO_FLAGS_URL,
    },
    cwd: null,
    enabled: true,
    sandbox: { tools: DC_DEFAULT_TOOLS, ...(options.directories ? { directories: options.directories } : {}) },
  };
}
