import type { McpServerConfig, McpTool } from '../../../shared/domain/mcp.ts';
import type { Implementation } from '@modelcontextprotocol/sdk/types.js';
import { connectServer } from './mcp-connection.ts';
import { serverEnv, type SecretSource } from './server-env.ts';

export interface Discovery {
  tools: McpTool[];
  /** Skipped tools, stdout banners and protocol hiccups, each naming the server. */
  warnings: string[];
  serverInfo: Implementation | null;
  elapsedMs: number;
}

export interface DiscoverOptions {
  secrets: SecretSource;
  beforeSpawn?(server: McpServerConfig): Promise<void>;
  initializeTimeoutMs?: number;
}

/** One-shot: start the server, initialize, list its tools (tolerating bad entries), stop it. */
export async function discoverTools(config: McpServerConfig, options: DiscoverOptions): Promise<Discovery> {
  const started = performance.now();
  const warnings: string[] = [];
  await options.beforeSpawn?.(config);
  const connection = await connectServer({
    config,
    env: await serverEnv(config, options.secrets),
    initializeTimeoutMs: options.initializeTimeoutMs,
    onWarning: (message) => warnings.push(message),
  });
  try {
    const list = await connection.listTools();
    return {
      tools: list.tools,
      warnings: [...warnings, ...list.warnings],
      serverInfo: connection.serverInfo,
      elapsedMs: Math.round(performance.now() - started),
    };
  } finally {
    await connection.close();
  }
}
