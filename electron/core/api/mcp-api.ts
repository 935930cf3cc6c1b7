import { readFile } from 'node:fs/promises';
import { McpServerConfigSchema, type McpServer, type McpServerConfigInput, type McpTool } from '../../../shared/domain/mcp.ts';
import { CoreError } from '../errors.ts';
import { parseMcpConfigFile, type ImportResult, type SkippedServer } from '../mcp/config-import.ts';
import { desktopCommanderServer, DC_NAME, type BundledServerRuntime } from '../mcp/desktop-commander/dc-server.ts';
import { prepareDcHome } from '../mcp/desktop-commander/dc-home.ts';
import { discoverTools } from '../mcp/discover-tools.ts';
import { createSecretStore, type SecretStore } from '../mcp/secret-store.ts';
import type { ToolRegistry } from '../plans/check-tools.ts';
import type { Store } from '../queue/store.ts';
import { formatPath } from '../plans/validate-plan.ts';

export interface McpTestResult {
  server: McpServer;
  tools: McpTool[];
  serverInfo: { name?: string; version?: string } | null;
  warnings: string[];
  elapsedMs: number;
}

export interface McpImportOutcome {
  added: McpServer[];
  skipped: SkippedServer[];
  warnings: string[];
  secretsNeeded: ImportResult['secretsNeeded'];
}

export interface McpApi {
  list(): Promise<McpServer[]>;
  add(config: McpServerConfigInput, source?: string): Promise<McpServer>;
  remove(name: string): Promise<void>;
  /** Allows (or refuses) plans that use the server; its sandbox and tools stay. */
  setEnabled(name: string, enabled: boolean): Promise<McpServer>;
  /** Servers from a Claude Desktop or VS Code config file; entries that cannot run here come back as skipped. */
  import(file: string): Promise<McpImportOutcome>;
  /** The same from the config's text (pasted); `source` names it in messages and as the servers' source. */
  importText(text: string, source: string): Promise<McpImportOutcome>;
  /** Stored tools; discovered first when none are stored or refresh is asked. */
  tools(server: string, options?: { refresh?: boolean }): Promise<McpTool[]>;
  /** Starts the server, lists its tools (storing them), stops it: does it work? */
  test(server: string): Promise<McpTestResult>;
  secrets: Pick<SecretStore, 'set' | 'delete' | 'list'>;
  registry: ToolRegistry;
  /** Registers Desktop Commander, or refreshes its command line (paths move when the app is updated). */
  registerDefaults(): Promise<void>;
}

export function mcpApi(store: Store, appDir: string, runtime: BundledServerRuntime = {}): McpApi {
  const secrets = createSecretStore(appDir);

  const add = async (input: McpServerConfigInput, source = 'user') => {
    const parsed = McpServerConfigSchema.safeParse(input);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${formatPath(issue.path) || '(root)'}: ${issue.message}`);
      throw new CoreError('INVALID_INPUT', `not a valid MCP server: ${problems.join('; ')}`);
    }
    return store.putMcpServer(parsed.data, source);
  };

  const test = async (name: string): Promise<McpTestResult> => {
    const server = await store.getMcpServer(name);
    try {
      const found = await discoverTools(server, {
        secrets,
        beforeSpawn: async (config) => {
          if (config.name === DC_NAME && config.env.HOME) await prepareDcHome(config.env.HOME, config.sandbox.directories ?? []);
        },
      });
      const tools = await store.saveTools(name, found.tools);
      await store.setMcpServerError(name, null);
      return { server, tools, serverInfo: found.serverInfo, warnings: found.warnings, elapsedMs: found.elapsedMs };
    } catch (error) {
      await store.setMcpServerError(name, (error as Error).message);
      throw new CoreError('MCP_SERVER_FAILED', (error as Error).message);
    }
  };

  const importText = async (text: string, source: string): Promise<McpImportOutcome> => {
    let parsed: ImportResult;
    try {
      parsed = parseMcpConfigFile(text, source);
    } catch (error) {
      throw new CoreError('INVALID_INPUT', (error as Error).message);
    }
    const existing = new Set((await store.listMcpServers()).map((s) => s.name));
    const added: McpServer[] = [];
    const skipped = [...parsed.skipped];
    for (const config of parsed.servers) {
      // An import never replaces a registered server: that would silently drop the sandbox someone set on it.
      if (existing.has(config.name)) skipped.push({ name: config.name, reason: 'a server of that name is registered already (remove it first to import this one)' });
      else added.push(await add(config, source));
    }
    return { added, skipped, warnings: parsed.warnings, secretsNeeded: parsed.secretsNeeded };
  };

  const tools = async (name: string, options: { refresh?: boolean } = {}) => {
    const stored = await store.listTools(name);
    if (stored.length > 0 && !options.refresh) return stored;
    await store.getMcpServer(name); // an unknown server is named as such, not as a failed discovery
    return (await test(name)).tools;
  };

  return {
    list: () => store.listMcpServers(),
    add,
    remove: (name) => store.removeMcpServer(name),
    setEnabled: (name, enabled) => store.setMcpServerEnabled(name, enabled),
    async import(file) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new CoreError('INVALID_INPUT', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      return importText(text, file);
    },
    importText,
    tools,
    test,
    secrets: {
      set: (name, value) => asInputError(() => secrets.set(name, value)),
      delete: (name) => asInputError(() => secrets.delete(name)),
      // A run's secret parameters are kept apart by the store and never listed.
      list: () => secrets.list(),
    },
    registry: {
      server: (name) => store.getMcpServer(name).catch((error: unknown) => {
        if (error instanceof CoreError && error.code === 'UNKNOWN_SERVER') return null;
        throw error;
      }),
      tools: (name) => tools(name),
    },
    async registerDefaults() {
      const existing = (await store.listMcpServers()).find((s) => s.name === DC_NAME);
      if (existing && existing.source !== 'builtin') return; // the person replaced it with their own
      const fresh = desktopCommanderServer(appDir, { runtime });
      // Every CLI command opens the core: write only when the app's part of the row actually changed.
      const owned = (s: typeof fresh) => JSON.stringify([s.command, s.args, s.env, s.cwd]);
      if (existing && owned(existing) === owned(fresh)) return;
      // Keep what the person chose (enabled, sandbox); refresh what the app owns (command line, env).
      await store.putMcpServer({ ...fresh, ...(existing ? { enabled: existing.enabled, sandbox: existing.sandbox } : {}) }, 'builtin');
    },
  };
}

/** A secret store refusal (a bad name) is the caller's mistake, reported as such rather than as a crash. */
async function asInputError<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code) throw error; // a file-system failure stays what it is
    throw new CoreError('INVALID_INPUT', (error as Error).message);
  }
}
