import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { McpServerConfig } from '../../shared/domain/mcp.ts';
import type { ToolCaller } from '../../electron/core/mcp/tool-caller.ts';

export interface DcTestServer {
  caller: ToolCaller;
  client: Client;
  /** The server process, to check it is gone after close(). */
  pid: number;
  /** What the server logged to stderr (logging, not errors). */
  stderr(): string;
  close(): Promise<void>;
}

/**
 * A real stdio MCP server started from a config, seen as a ToolCaller, without the app's client pool: the SDK's
 * own client, so tests of Desktop Commander do not depend on the pool's code.
 */
export async function connectServer(config: McpServerConfig): Promise<DcTestServer> {
  const transport = new StdioClientTransport({
    command: config.command,
    args: config.args,
    env: config.env,
    cwd: config.cwd ?? undefined,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'opsroom-test', version: '0.0.0' });
  await client.connect(transport);
  const pid = transport.pid;
  if (pid === null) throw new Error(`${config.name} started without a process id`);
  const caller: ToolCaller = {
    server: config.name,
    async callTool(name, args, options = {}) {
      const result = await client.callTool({ name, arguments: args }, undefined, {
        signal: options.signal,
        timeout: options.timeoutMs,
        maxTotalTimeout: options.maxTotalMs,
        onprogress: options.onProgress,
        resetTimeoutOnProgress: options.onProgress !== undefined,
      });
      return result as CallToolResult;
    },
  };
  return { caller, client, pid, stderr: () => stderr, close: () => client.close() };
}
