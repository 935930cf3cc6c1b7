import type { McpServerConfig, McpTool } from '../../../shared/domain/mcp.ts';
import type { Sandbox } from '../../../shared/ir/sandbox.ts';
import { STOPPED, type StepContext, type StepResult, type StopReason } from '../executor/step-handler.ts';
import { DEFAULT_MAX_RESULT_BYTES, mapCallResult } from './call-result.ts';
import type { ClientPool } from './client-pool.ts';
import { DEFAULT_CALL_TIMEOUT_MS } from './mcp-connection.ts';
import { validateInput } from './input-validator.ts';
import { checkPaths, checkToolAllowed } from './sandbox-check.ts';
import type { Progress } from './tool-caller.ts';

/** Progress keeps a call alive up to this many idle timeouts (10 min at the default); a step timeout is a hard
 * limit on its own. */
const MAX_TOTAL_FACTOR = 10;


export interface McpToolContext extends StepContext {
  planSandbox?: Sandbox;
  /** The step's timeout, if it has one. */
  timeoutMs?: number;
}

export interface McpToolHandlerDeps {
  pool: ClientPool;
  /** The tool as last discovered (its stored inputSchema), or null when discovery never saw it. */
  lookupTool(server: string, tool: string): Promise<McpTool | null>;
  resolveServer(name: string): Promise<McpServerConfig>;
}

export interface McpToolHandler {
  run(ref: { server: string; tool: string }, input: unknown, ctx: McpToolContext): Promise<StepResult>;
}

/** Runs a plan step's `server/tool`: every check that can refuse the call runs before the server sees it. */
export function createMcpToolHandler(deps: McpToolHandlerDeps): McpToolHandler {
  return {
    async run(ref, input, ctx) {
      const name = `${ref.server}/${ref.tool}`;
      if (ctx.signal.aborted) return stopped(ctx.signal);
      let server: McpServerConfig;
      try {
        let tool: McpTool | null;
        [server, tool] = await Promise.all([deps.resolveServer(ref.server), deps.lookupTool(ref.server, ref.tool)]);
        const refusal = await refuse(ref, name, input, server, tool, ctx.planSandbox);
        if (refusal) return { ok: false, error: refusal };
      } catch (error) {
        return { ok: false, error: `${name}: ${(error as Error).message}` };
      }

      // The server's limit is the admin's: a plan's step timeout may shorten it, never lengthen it.
      const timeoutMs = Math.min(ctx.timeoutMs ?? Infinity, server.sandbox.callTimeoutMs ?? (ctx.timeoutMs ? Infinity : DEFAULT_CALL_TIMEOUT_MS));
      let unsubscribe = () => {};
      try {
        const caller = await deps.pool.caller(ref.server);
        unsubscribe = caller.onStderr((line) => ctx.output('stderr', line));
        const result = await caller.callTool(ref.tool, input as Record<string, unknown>, {
          signal: ctx.signal,
          timeoutMs,
          maxTotalMs: ctx.timeoutMs ?? timeoutMs * MAX_TOTAL_FACTOR,
          onProgress: (progress) => ctx.log('info', progressMessage(progress), { progress: progress.progress, total: progress.total }),
        });
        // stderr is a separate pipe: a line written just before the result may be read in this same event-loop
        // turn, after the result; one more turn lets it land in this step's log.
        await new Promise((resolve) => setImmediate(resolve));
        return mapCallResult(ref, result, ctx, server.sandbox.maxOutputBytes ?? DEFAULT_MAX_RESULT_BYTES);
      } catch (error) {
        // the step's own stop reason (cancel, step timeout, drain) says more than the aborted call
        if (ctx.signal.aborted) return stopped(ctx.signal);
        return { ok: false, error: (error as Error).message };
      } finally {
        unsubscribe();
      }
    },
  };
}

/** Allowlists, the input's shape and its paths: null when the call may go ahead. */
async function refuse(
  ref: { server: string; tool: string }, name: string, input: unknown, server: McpServerConfig, tool: McpTool | null,
  planSandbox: Sandbox | undefined,
): Promise<string | null> {
  if (!server.enabled) return `server ${ref.server} is disabled`;
  const notAllowed = checkToolAllowed(ref, server.sandbox, planSandbox);
  if (notAllowed) return notAllowed;
  if (!tool) return `server ${ref.server} has no tool "${ref.tool}" in its discovered tool list; discover its tools again`;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return `the input of ${name} must be an object`;
  const invalid = validateInput(tool.inputSchema, input);
  if (invalid.length > 0) return `invalid input for ${name}: ${invalid.join('; ')}`;
  for (const [whose, directories] of [['server', server.sandbox.directories], ['plan', planSandbox?.directories]] as const) {
    if (!directories) continue;
    const outside = await checkPaths(input, directories);
    if (outside) return `${name} refused by the ${whose}'s sandbox: ${outside}`;
  }
  return null;
}

function progressMessage({ progress, total, message }: Progress): string {
  return `progress ${progress}${total === undefined ? '' : `/${total}`}${message ? `: ${message}` : ''}`;
}

function stopped(signal: AbortSignal): StepResult {
  const reason = signal.reason as StopReason;
  return { ok: false, error: STOPPED[reason] ?? String(reason) };
}
