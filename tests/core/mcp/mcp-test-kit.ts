import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { McpServerConfigSchema, type McpServerConfig, type McpServerConfigInput } from '../../../shared/domain/mcp.ts';
import type { McpToolContext } from '../../../electron/core/mcp/mcp-tool-handler.ts';
import type { SecretSource } from '../../../electron/core/mcp/server-env.ts';
import { alive } from '../../helpers/alive.ts';
export { alive };

export const MISBEHAVING_SERVER = fileURLToPath(new URL('../../fixtures/mcp/misbehaving-server.ts', import.meta.url));
export const EVERYTHING_SERVER = fileURLToPath(import.meta.resolve('@modelcontextprotocol/server-everything/dist/index.js'));

export const noSecrets: SecretSource = { get: async () => null };

/** Our test server, run by this Node; `env` entries switch its misbehaviours on. */
export function misbehaving(name: string, env: Record<string, string> = {}, extra: Partial<McpServerConfigInput> = {}): McpServerConfig {
  return McpServerConfigSchema.parse({ name, command: process.execPath, args: [MISBEHAVING_SERVER], env, ...extra });
}

export function everything(name = 'everything'): McpServerConfig {
  return McpServerConfigSchema.parse({ name, command: process.execPath, args: [EVERYTHING_SERVER, 'stdio'] });
}

export function tempDir(prefix: string): string {
  const path = mkdtempSync(join(tmpdir(), `opsroom-${prefix}-`));
  process.once('exit', () => rmSync(path, { recursive: true, force: true }));
  return path;
}

/** A step context that records everything it is told. */
export function recordingContext(extra: Partial<McpToolContext> = {}) {
  const controller = new AbortController();
  const out: { stream: 'stdout' | 'stderr'; line: string }[] = [];
  const logs: { level: string; message: string; payload?: Record<string, unknown> }[] = [];
  const ctx: McpToolContext = {
    runId: 1,
    attempt: 1,
    stepId: 'step',
    signal: controller.signal,
    output: (stream, line) => out.push({ stream, line }),
    log: (level, message, payload) => logs.push({ level, message, payload }),
    ...extra,
  };
  const lines = (stream: 'stdout' | 'stderr') => out.filter((o) => o.stream === stream).map((o) => o.line);
  return { ctx, controller, out, logs, lines };
}


/** True when no live (non-zombie) process is left in the process group `pgid`. */
export function groupGone(pgid: number): boolean {
  if (process.platform !== 'linux') {
    try {
      process.kill(-pgid, 0);
      return false;
    } catch {
      return true;
    }
  }
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') return false;
    } catch {
      // the process ended while we looked
    }
  }
  return true;
}

export async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await sleep(25);
  }
  return check();
}
