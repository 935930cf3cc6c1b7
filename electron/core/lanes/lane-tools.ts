import { builtinHandlers } from '../executor/handlers.ts';
import { createToolRunner, type ToolRunner } from '../executor/tool-runner.ts';
import { createClientPool } from '../mcp/client-pool.ts';
import { DC_NAME } from '../mcp/desktop-commander/dc-server.ts';
import { prepareDcHome } from '../mcp/desktop-commander/dc-home.ts';
import { runShellViaDc } from '../mcp/desktop-commander/dc-shell.ts';
import { createMcpToolHandler } from '../mcp/mcp-tool-handler.ts';
import { createSecretStore } from '../mcp/secret-store.ts';
import type { Store } from '../queue/store.ts';

/** A shell step through Desktop Commander without a timeout of its own still ends: 1 h. */
const DC_SHELL_DEFAULT_TIMEOUT_MS = 3_600_000;

/** The tools a lane worker runs: the built-ins and, over this thread's own client pool, MCP servers' tools. */
export function laneTools(store: Store, appDir: string): { runner: ToolRunner; close(): Promise<void> } {
  const resolveServer = (name: string) => store.getMcpServer(name);
  const pool = createClientPool({
    resolveServer,
    secrets: createSecretStore(appDir),
    beforeSpawn: async (server) => {
      const home = server.env.HOME;
      if (server.name === DC_NAME && home) await prepareDcHome(home, server.sandbox.directories ?? []);
    },
  });
  const mcp = createMcpToolHandler({
    pool,
    resolveServer,
    lookupTool: async (server, tool) => (await store.listTools(server)).find((t) => t.name === tool) ?? null,
  });
  const builtins = builtinHandlers({
    localQuery: (text, params) => store.localQuery(text, params),
    dcShell: async (input, ctx) => runShellViaDc(await pool.caller(DC_NAME),
      { command: input.command, cwd: input.cwd, timeoutMs: ctx.timeoutMs ?? DC_SHELL_DEFAULT_TIMEOUT_MS }, ctx),
  });
  return { runner: createToolRunner(builtins, mcp), close: () => pool.close() };
}
