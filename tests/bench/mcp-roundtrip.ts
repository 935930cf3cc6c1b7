import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { McpServerConfigSchema, type McpTool } from '../../shared/domain/mcp.ts';
import { createClientPool } from '../../electron/core/mcp/client-pool.ts';
import { createMcpToolHandler, type McpToolContext } from '../../electron/core/mcp/mcp-tool-handler.ts';
import { progress } from './stats.ts';
import { timeInterleaved, type Timing } from './timing.ts';

export interface McpRoundTrip {
  sdk: Timing;
  pool: Timing;
  handler: Timing;
}

const SERVER = fileURLToPath(new URL('../fixtures/mcp/misbehaving-server.ts', import.meta.url));
const ARGS = { text: 'ping' };

/** Untimed calls per path first: over 200 timed calls, the SDK path's p95 was 1,025 µs without them, 423 µs after 50. */
const WARMUP_CALLS = 50;

/** The baseline: the SDK's own client over its stdio transport. stderr is piped and drained like ours does
 * (echo writes a line there on every call), not inherited into the report. */
async function sdkClient(): Promise<Client> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [SERVER], stderr: 'pipe' });
  transport.stderr?.on('data', () => {});
  const client = new Client({ name: 'opsroom-bench', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

/**
 * One trivial tools/call (echo on our test server, run by this Node) on a warm server, one at a time, the three
 * paths taking turns, each with its own server: (a) the SDK's client; (b) ours as a step calls it, pool.caller()
 * (config lookup, liveness check) then callTool; (c) the whole handler a plan step's `server/tool` goes through
 * (allowlists, input validation against the tool's schema, result mapping into step output). The lane worker
 * looks the tool up in the database; here it comes from one tools/list kept in memory, so (c) leaves that out.
 */
export async function measureMcpRoundTrip(calls: number): Promise<McpRoundTrip> {
  const servers = ['pool', 'handler'].map((name) => McpServerConfigSchema.parse({ name, command: process.execPath, args: [SERVER] }));
  const resolveServer = async (name: string) => servers.find((s) => s.name === name)!;
  const pool = createClientPool({ resolveServer, secrets: { get: async () => null } });
  const client = await sdkClient();
  try {
    const tools: McpTool[] = (await pool.listTools('handler')).tools;
    const lookupTool = async (_server: string, tool: string) => tools.find((t) => t.name === tool) ?? null;
    const handler = createMcpToolHandler({ pool, lookupTool, resolveServer });
    const ctx: McpToolContext = {
      runId: 1, attempt: 1, stepId: 'echo', signal: new AbortController().signal, output: () => {}, log: () => {},
    };
    progress(`MCP round trip: ${calls} calls each via the SDK client, the client pool and the tool handler, taking turns`);
    const [sdk, pooled, handled] = await timeInterleaved(calls, WARMUP_CALLS, [
      () => client.callTool({ name: 'echo', arguments: ARGS }),
      async () => (await pool.caller('pool')).callTool('echo', ARGS),
      async () => {
        const result = await handler.run({ server: 'handler', tool: 'echo' }, ARGS, ctx);
        if (!result.ok) throw new Error(`echo through the tool handler failed: ${result.error}`);
      },
    ]);
    return { sdk: sdk!, pool: pooled!, handler: handled! };
  } finally {
    await Promise.all([client.close(), pool.close()]);
  }
}
