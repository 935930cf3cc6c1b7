import { builtinHandlers } from '../executor/handlers.ts';
import { createToolRunner, type ToolRunner } from '../executor/tool-runner.ts';
import { createSecretStore } from '../mcp/secret-store.ts';
import type { Store } from '../queue/store.ts';
import type { LaneMcp } from './lane-mcp.ts';

/**
 * The tools a lane worker runs: the built-ins and, over this thread's own client pool, MCP servers' tools.
 * The MCP side (SDK, Ajv, Desktop Commander glue) loads on the first step that needs it: importing it cost
 * each thread ~100 ms of start-up here, which a lane running only shell steps never needs.
 */
export function laneTools(store: Store, appDir: string): { runner: ToolRunner; close(): Promise<void> } {
  let mcp: Promise<LaneMcp> | null = null;
  const loadMcp = () => (mcp ??= import('./lane-mcp.ts').then((module) => module.laneMcp(store, appDir)));
  const builtins = builtinHandlers({
    localQuery: (text, params) => store.localQuery(text, params),
    dcShell: async (input, ctx) => (await loadMcp()).dcShell(input, ctx),
    approvals: { store, secrets: createSecretStore(appDir) },
  });
  const runner = createToolRunner(builtins, { run: async (ref, input, ctx) => (await loadMcp()).handler.run(ref, input, ctx) });
  return { runner, close: async () => (mcp ? (await mcp).pool.close() : undefined) };
}
