import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { dcShell } from './dc-shell-syntax.ts';

/** Where DC reads its configuration under its HOME (DC's config.js). */
export function dcConfigPath(home: string): string {
  return join(home, '.claude-server-commander', 'config.json');
}

/**
 * DC's own default blocked commands, read from DC rather than copied, so an update of DC keeps them. They must
 * be written out in full: DC merges no defaults into an existing config.json, so a file without them would
 * block nothing.
 */
async function dcDefaultBlockedCommands(): Promise<string[]> {
  const { configManager } = await import('@wonderwhy-er/desktop-commander/dist/config-manager.js');
  // private in DC's typings but a pure function; element access is TypeScript's sanctioned way past that
  const blocked = configManager['getDefaultConfig']().blockedCommands;
  if (!blocked?.length) throw new Error("Desktop Commander's default configuration has no blockedCommands list");
  return blocked;
}

async function readConfig(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {}; // unreadable: rewritten whole below, as DC would otherwise start on in-memory defaults
  }
}

/**
 * Creates DC's HOME and its config.json with the settings the app owns: DC's full default blockedCommands,
 * telemetry off, `allowedDirectories` (DC reads an empty list as "everywhere"), the shell step commands run
 * in, and line limits. Keys DC keeps for itself (clientId, usage counters, onboarding flags) are left as they
 * are. The file is rewritten only when one of the owned settings differs. DC reads it at start-up, so call this
 * before starting the server.
 */
export async function prepareDcHome(home: string, allowedDirectories: string[]): Promise<void> {
  const path = dcConfigPath(home);
  await mkdir(dirname(path), { recursive: true });
  const owned: Record<string, unknown> = {
    blockedCommands: await dcDefaultBlockedCommands(),
    defaultShell: dcShell(),
    allowedDirectories,
    telemetryEnabled: false,
    fileReadLineLimit: 1000,
    // DC only adds advice past this many lines to a write; no reason to add it to ordinary files
    fileWriteLineLimit: 1000,
  };
  const current = await readConfig(path);
  if (Object.entries(owned).every(([key, value]) => isDeepStrictEqual(current[key], value))) return;
  // atomically, as DC does, so a DC starting at this moment never reads half a file
  // Lane threads share the pid and may prepare the same home at once: the suffix must differ per call.
  const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temporary, JSON.stringify({ ...current, ...owned }, null, 2), 'utf8');
  await rename(temporary, path);
}
