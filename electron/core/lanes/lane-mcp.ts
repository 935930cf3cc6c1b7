import type { StepContext, StepResult } from '../executor/step-handler.ts';
import type { ShellInput } from '../../../shared/ir/shell-input.ts';
import { createClientPool, type ClientPool } from '../mcp/client-pool.ts';
import { DC_NAME } from '../mcp/desktop-commander/dc-server.ts';
import { prepareDcHome } from '../mcp/desktop-commander/dc-home.ts';
import { runShellViaDc } from '../mcp/desktop-commander/dc-shell.ts';
import { createMcpToolHandler, type McpToolHandler } from '../mcp/mcp-tool-handler.ts';
import { createSecretStore } from '../mcp/secret-store.ts';
import type { Store } from '../queue/store.ts';

/** A shell step through Desktop Commander without a timeout of its own still ends: 1 h. */
const DC_SHELL_DEFAULT_TIMEOUT_MS = 3_600_000;

export interface LaneMcp {
  pool: ClientPool;
  handler: McpToolHandler;
  dcShell(input: ShellInput, ctx: StepContext): Promise<StepResult>;
}

/** This thread's MCP side: one warm client per server, shared by the runs it executes one after another. */
export function laneMcp(store: Store, appDir: string): LaneMcp {
  const resolveServer = (name: string) => store.getMcpServer(name);
  const pool = createClientPool({
    resolveServer,
    secrets: createSecretStore(appDir),
    beforeSpawn: async (server) => {
      const home = server.env.HOME;
      if (server.name === DC_NAME && home) await prepareDcHome(home, server.sandbox.directories ?? []);
    },
  });
  const handler = createMcpToolHandler({
    pool,
    resolveServer,
    lookupTool: async (server, tool) => (await store.listTools(server)).find((t) => t.name === tool) ?? null,
  });
  const dcShell = async (input: ShellInput, ctx: StepContext) => runShellViaDc(await pool.caller(DC_NAME),
    { command: input.command, cwd: input.cwd, timeoutMs: ctx.timeoutMs ?? DC_SHELL_DEFAULT_TIMEOUT_MS }, ctx);
  return { pool, handler, dcShell };
}
