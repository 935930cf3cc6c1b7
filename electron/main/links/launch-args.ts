import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenTarget } from '../../../shared/ipc/events.ts';
import { DEEP_LINK_SCHEME, parseDeepLink } from './deep-link.ts';

/**
 * What the app was asked to open. A plan file comes only from the OS (a double-click through the file
 * association, the command line, macOS open-file), never from a link: the main process reads it, and it is
 * then offered in the command bar like any stored plan, never run.
 */
export type LaunchRequest = OpenTarget | { kind: 'plan-file'; path: string };

export interface LaunchArgs {
  requests: LaunchRequest[];
  /** One line per argument that was neither a switch, a link nor a plan file: shown, never thrown. */
  errors: string[];
}

export const PLAN_FILE_SUFFIX = '.opsplan.json';
export const isPlanFile = (path: string): boolean => path.toLowerCase().endsWith(PLAN_FILE_SUFFIX);

/**
 * The requests in a command line: the first start's process.argv, or the argv and cwd a second instance hands
 * over (Windows and Linux deliver links that way, as its last argument). Skipped: the executable, Electron and
 * Chromium switches (`--foo`, `--foo=bar`; Chromium adds some of its own to a second instance's argv) until a
 * `--`, and the app's path when `electron <path>` runs it (`defaultApp`: Electron's process.defaultApp).
 */
export function parseLaunchArgs(argv: readonly string[], cwd: string, options: { defaultApp: boolean }): LaunchArgs {
  const result: LaunchArgs = { requests: [], errors: [] };
  let appPathPending = options.defaultApp;
  let switches = true;
  for (const arg of argv.slice(1)) {
    if (switches && arg === '--') switches = false;
    else if (switches && arg.startsWith('-')) continue;
    else if (appPathPending) appPathPending = false;
    else if (arg !== '') addItem(arg, cwd, result);
  }
  return result;
}

function addItem(arg: string, cwd: string, result: LaunchArgs): void {
  try {
    result.requests.push(launchRequest(arg, cwd));
  } catch (error) {
    result.errors.push(`${quote(arg)}: ${(error as Error).message}`);
  }
}

function launchRequest(arg: string, cwd: string): LaunchRequest {
  if (arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) return parseDeepLink(arg);
  // Linux file managers hand files over as file:// URLs (the .desktop entry's %U).
  const path = arg.toLowerCase().startsWith('file:') ? fileURLToPath(arg) : arg;
  if (!isPlanFile(path)) throw new Error(`not an ${DEEP_LINK_SCHEME}:// link or a ${PLAN_FILE_SUFFIX} file: ignored`);
  return { kind: 'plan-file', path: resolve(cwd, path) };
}

/** An argument as it can be shown: escaped, and short. */
const quote = (arg: string): string => JSON.stringify(arg.length > 120 ? `${arg.slice(0, 120)}…` : arg);
