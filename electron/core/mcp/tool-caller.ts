import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

export interface Progress {
  progress: number;
  total?: number;
  message?: string;
}

export interface CallOptions {
  /** Aborting sends MCP `notifications/cancelled` and rejects the call. */
  signal?: AbortSignal;
  /** Per call; progress resets it but never past maxTotalMs. */
  timeoutMs?: number;
  maxTotalMs?: number;
  onProgress?(progress: Progress): void;
}

/** One warm MCP server, seen as something that calls its tools. The client pool hands these out. */
export interface ToolCaller {
  server: string;
  callTool(name: string, args: Record<string, unknown>, options?: CallOptions): Promise<CallToolResult>;
}
