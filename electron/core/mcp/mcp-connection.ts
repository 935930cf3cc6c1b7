import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ErrorCode, McpError, type CallToolResult, type Implementation } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { McpServerConfig } from '../../../shared/domain/mcp.ts';
import type { CallOptions, ToolCaller } from './tool-caller.ts';
import { McpCallError, withStderr } from './mcp-call-error.ts';
import { describeExit, ProcessTransport, type ProcessExit } from './process-transport.ts';
import { parseToolList, type ToolList } from './tool-list.ts';

export const DEFAULT_INITIALIZE_TIMEOUT_MS = 30_000;
export const DEFAULT_CALL_TIMEOUT_MS = 60_000;
/** A server that keeps handing out cursors is cut off here rather than listed forever. */
const MAX_TOOL_PAGES = 100;

const CLIENT_INFO: Implementation = { name: 'ops-control-room', version: '0.1.0' };

// Deliberately loose: entries are checked one by one in parseToolList.
const RawToolsPage = z.looseObject({ tools: z.array(z.unknown()), nextCursor: z.string().optional() });

export interface ConnectOptions {
  config: Pick<McpServerConfig, 'name' | 'command' | 'args' | 'cwd'>;
  /** The server's whole environment (server-env.ts). */
  env: Record<string, string>;
  initializeTimeoutMs?: number;
  onStderrLine?(line: string): void;
  onWarning?(message: string): void;
  /** The process ended and close() was not the reason. */
  onUnexpectedExit?(exit: ProcessExit): void;
}

export interface McpConnection extends ToolCaller {
  serverInfo: Implementation | null;
  pid: number | undefined;
  alive(): boolean;
  listTools(options?: { timeoutMs?: number }): Promise<ToolList>;
  stderrTail(): string[];
  close(): Promise<void>;
}

/** Starts a server and completes the MCP handshake; rejects (process stopped) if it cannot. */
export async function connectServer(options: ConnectOptions): Promise<McpConnection> {
  const { config } = options;
  const server = config.name;
  let closing = false;
  const transport = new ProcessTransport({
    server,
    command: config.command,
    args: config.args,
    env: options.env,
    cwd: config.cwd,
    onStderrLine: options.onStderrLine,
    onWarning: options.onWarning,
  });
  const client = new Client(CLIENT_INFO, { capabilities: {} });
  // Transport and protocol hiccups (a progress token the client no longer knows…) are worth a look, not a failure.
  client.onerror = (error) => options.onWarning?.(`server ${server}: ${error.message}`);
  client.onclose = () => {
    if (!closing && transport.exit) options.onUnexpectedExit?.(transport.exit);
  };

  const initializeTimeoutMs = options.initializeTimeoutMs ?? DEFAULT_INITIALIZE_TIMEOUT_MS;
  try {
    await client.connect(transport, { timeout: initializeTimeoutMs });
  } catch (error) {
    // read before close(), which ends the process in every case
    const exitedEarly = transport.pid !== undefined ? transport.exit : null;
    closing = true;
    // no politeness for a server that failed its handshake
    await transport.close(0);
    if (exitedEarly) {
      throw new Error(withStderr(`server ${server} exited (${describeExit(exitedEarly)}) before answering initialize`, transport.stderrTail()));
    }
    if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) {
      throw new Error(withStderr(`server ${server} did not answer initialize within ${initializeTimeoutMs / 1000} s`, transport.stderrTail()));
    }
    // a spawn failure already names the server and command
    if (transport.pid === undefined) throw error;
    throw new Error(withStderr(`server ${server}: initialize failed: ${(error as Error).message}`, transport.stderrTail()));
  }

  /** Turns what the SDK throws into an error that names the server, the request and the cause. */
  const explain = (error: unknown, request: string, callOptions: CallOptions): Error => {
    if (callOptions.signal?.aborted) return new McpCallError('cancelled', `server ${server}: ${request} cancelled`);
    if (transport.exit) {
      return new McpCallError('exited', withStderr(`server ${server} exited (${describeExit(transport.exit)}) during ${request}`, transport.stderrTail()));
    }
    if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) {
      const data = error.data as { maxTotalTimeout?: number; timeout?: number } | undefined;
      return new McpCallError('timeout', data?.maxTotalTimeout
        ? `server ${server}: ${request} timed out after ${data.maxTotalTimeout} ms in all (progress does not extend a call past that)`
        : `server ${server}: ${request} timed out after ${data?.timeout ?? callOptions.timeoutMs} ms`);
    }
    return new McpCallError('failed', `server ${server}: ${request} failed: ${(error as Error).message}`);
  };

  const alive = () => !closing && transport.exit === null;
  const notRunning = (request: string) =>
    new McpCallError('exited', withStderr(`server ${server} is not running (${transport.exit ? describeExit(transport.exit) : 'closed'}); cannot send ${request}`, transport.stderrTail()));

  return {
    server,
    serverInfo: client.getServerVersion() ?? null,
    pid: transport.pid,
    alive,
    stderrTail: () => transport.stderrTail(),

    async callTool(name, args, callOptions = {}) {
      const request = `tools/call ${name}`;
      if (!alive()) throw notRunning(request);
      try {
        const { onProgress } = callOptions;
        return await client.callTool({ name, arguments: args }, undefined, {
          timeout: callOptions.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
          maxTotalTimeout: callOptions.maxTotalMs,
          resetTimeoutOnProgress: true,
          signal: callOptions.signal,
          onprogress: onProgress ? (p) => onProgress({ progress: p.progress, total: p.total, message: p.message }) : undefined,
        }) as CallToolResult;
      } catch (error) {
        throw explain(error, request, callOptions);
      }
    },

    async listTools(listOptions = {}) {
      if (!alive()) throw notRunning('tools/list');
      const entries: unknown[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_TOOL_PAGES; page += 1) {
        let result: z.infer<typeof RawToolsPage>;
        try {
          result = await client.request({ method: 'tools/list', params: cursor ? { cursor } : {} }, RawToolsPage,
            { timeout: listOptions.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS });
        } catch (error) {
          throw explain(error, 'tools/list', { timeoutMs: listOptions.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS });
        }
        entries.push(...result.tools);
        if (!result.nextCursor || result.nextCursor === cursor) return parseToolList(server, entries);
        cursor = result.nextCursor;
      }
      const list = parseToolList(server, entries);
      list.warnings.push(`server ${server}: tools/list still had more pages after ${MAX_TOOL_PAGES}; the rest was not read`);
      return list;
    },

    async close() {
      closing = true;
      await transport.close();
    },
  };
}
