import type { Step } from '../../../shared/ir/plan.ts';
import { parseToolRef } from '../../../shared/ir/tool-ref.ts';
import type { StepContext, StepHandler, StepResult } from './step-handler.ts';

/** How the executor reaches MCP servers; the lane worker builds it over its own client pool. */
export interface McpRunner {
  run(ref: { server: string; tool: string }, input: Record<string, unknown>, ctx: StepContext): Promise<StepResult>;
}

export interface ToolRunner {
  run(step: Step, input: Record<string, unknown>, ctx: StepContext): Promise<StepResult>;
}

/** Resolves a step's tool: a built-in handler by name, or a tool on an MCP server. */
export function createToolRunner(builtins: ReadonlyMap<string, StepHandler<any>>, mcp: McpRunner | null): ToolRunner {
  return {
    async run(step, input, ctx) {
      const ref = parseToolRef(step.tool);
      if (ref?.kind === 'mcp') {
        if (!mcp) return { ok: false, error: `MCP tools are not available in this worker (step ${step.id}: ${step.tool})` };
        return mcp.run(ref, input, ctx);
      }
      const handler = builtins.get(step.tool);
      if (!handler) return { ok: false, error: `unknown tool "${step.tool}"` };
      const parsed = handler.inputSchema.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return { ok: false, error: `invalid input${issue.path.length ? ` at ${issue.path.join('.')}` : ''}: ${issue.message}` };
      }
      return handler.run(parsed.data, ctx);
    },
  };
}
