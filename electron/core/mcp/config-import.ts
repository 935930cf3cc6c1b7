import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { McpServerConfigSchema, type McpServerConfig } from '../../../shared/domain/mcp.ts';

export interface SkippedServer {
  name: string;
  reason: string;
}

export interface ImportResult {
  servers: McpServerConfig[];
  skipped: SkippedServer[];
  warnings: string[];
  /** `${input:id}` placeholders became `${secret:id}`: these secrets must be stored before the servers start. */
  secretsNeeded: { name: string; description: string | null }[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Reads the MCP servers of a config file people already have: Claude Desktop's `claude_desktop_config.json`
 * (also Cursor's and Claude Code's files: `mcpServers`), VS Code's `mcp.json` (`servers`) or a VS Code
 * settings.json (`mcp.servers`). VS Code files are JSON with comments and trailing commas; so is this parser.
 * Only stdio servers are imported; every entry left out is listed with the reason.
 */
export function parseMcpConfigFile(text: string, file: string): ImportResult {
  const errors: ParseError[] = [];
  const root: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const first = errors[0]!;
    const before = text.slice(0, first.offset).split('\n');
    throw new Error(`${file}: not valid JSON at line ${before.length}, column ${before.at(-1)!.length + 1}: ${printParseErrorCode(first.error)}`);
  }
  const entries = isRecord(root) ? serverEntries(root) : null;
  if (!entries) throw new Error(`${file} has no MCP servers: expected an object under "mcpServers", "servers" or "mcp.servers"`);

  const result: ImportResult = { servers: [], skipped: [], warnings: [], secretsNeeded: [] };
  const inputs = isRecord(root) && Array.isArray(root.inputs) ? root.inputs.filter(isRecord) : [];
  for (const [rawName, entry] of Object.entries(entries)) {
    const imported = importEntry(rawName, entry, result.warnings);
    if ('reason' in imported) {
      result.skipped.push({ name: rawName, reason: imported.reason });
    } else if (result.servers.some((server) => server.name === imported.server.name)) {
      result.skipped.push({ name: rawName, reason: `a server named ${imported.server.name} is already in this file` });
    } else {
      result.servers.push(imported.server);
    }
  }
  for (const server of result.servers) {
    for (const [, id] of JSON.stringify(server.env).matchAll(/\$\{secret:([^}]*)\}/g)) {
      if (result.secretsNeeded.some((secret) => secret.name === id)) continue;
      const input = inputs.find((candidate) => candidate.id === id);
      result.secretsNeeded.push({ name: id!, description: typeof input?.description === 'string' ? input.description : null });
    }
  }
  return result;
}

function serverEntries(root: Record<string, unknown>): Record<string, unknown> | null {
  if (isRecord(root.mcpServers)) return root.mcpServers;
  if (isRecord(root.servers)) return root.servers;
  if (isRecord(root.mcp) && isRecord(root.mcp.servers)) return root.mcp.servers;
  if (isRecord(root['mcp.servers'])) return root['mcp.servers'];
  return null;
}

function importEntry(rawName: string, entry: unknown, warnings: string[]): { server: McpServerConfig } | { reason: string } {
  if (!isRecord(entry)) return { reason: 'not an object' };
  if ((entry.type !== undefined && entry.type !== 'stdio') || (entry.url !== undefined && entry.command === undefined)) {
    return { reason: `not a stdio server (${entry.type ?? 'url'} entries are not supported)` };
  }
  if (typeof entry.command !== 'string' || entry.command === '') return { reason: 'it has no command' };
  if (entry.args !== undefined && !(Array.isArray(entry.args) && entry.args.every((arg) => typeof arg === 'string'))) {
    return { reason: 'args is not a list of strings' };
  }
  const name = rawName.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 64) || 'server';
  if (name !== rawName) warnings.push(`server "${rawName}" is imported as ${name} (names are letters, digits, "_", "." or "-")`);
  if (entry.envFile !== undefined) warnings.push(`server ${name}: envFile ${String(entry.envFile)} is not read; copy the variables it needs into env`);

  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(isRecord(entry.env) ? entry.env : {})) {
    if (!ENV_NAME.test(key) || typeof value !== 'string') {
      warnings.push(`server ${name}: env ${key} is left out (not a variable name with a text value)`);
      continue;
    }
    env[key] = value.replace(/\$\{input:([^}]*)\}/g, '${secret:$1}');
  }
  const args = (entry.args as string[] | undefined) ?? [];
  const cwd = typeof entry.cwd === 'string' ? entry.cwd : null;
  let enabled = entry.disabled !== true;
  const texts = [entry.command, ...args, ...Object.values(env), cwd ?? ''];
  if (texts.some((text) => text.includes('${workspaceFolder}'))) {
    enabled = false;
    warnings.push(`server ${name} uses \${workspaceFolder}, which depends on the VS Code window: imported disabled; replace it with a folder (and set cwd), then enable it`);
  }
  if ([entry.command, ...args].some((text) => text.includes('${input:'))) {
    warnings.push(`server ${name} has \${input:…} in its command or args; only env values can hold secrets: move it into env`);
  }
  for (const text of texts) {
    for (const [placeholder] of text.matchAll(/\$\{(?!env:|secret:|workspaceFolder\}|input:)[^}]*\}/g)) {
      warnings.push(`server ${name}: ${placeholder} is not filled in by Ops Control Room and stays as written`);
    }
  }
  const parsed = McpServerConfigSchema.safeParse({ name, command: entry.command, args, env, cwd, enabled });
  if (!parsed.success) return { reason: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') };
  return { server: parsed.data };
}
