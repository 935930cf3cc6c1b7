import type { McpServer, McpTool } from '../../../shared/domain/mcp.ts';
import { collectReferences } from '../../../shared/ir/references.ts';
import type { Plan } from '../../../shared/ir/plan.ts';
import { parseToolRef } from '../../../shared/ir/tool-ref.ts';
import { CoreError } from '../errors.ts';
import { validateInput } from '../mcp/input-validator.ts';
import { checkPaths, checkToolAllowed } from '../mcp/sandbox-check.ts';

export interface ToolRegistry {
  server(name: string): Promise<McpServer | null>;
  /** The server's tools, discovering them first if none are stored yet. */
  tools(server: string): Promise<McpTool[]>;
}

/**
 * The checks that need the registry, run before a plan is queued: every MCP tool exists on an enabled server,
 * is allowed by the server's sandbox and the plan's, and (when its input holds no references) its input
 * matches the tool's schema and its paths stay inside the allowed directories. Nothing runs on a refusal.
 */
export async function checkTools(plan: Plan, registry: ToolRegistry, source = 'plan'): Promise<void> {
  const problems: string[] = [];
  for (const [index, step] of plan.steps.entries()) {
    const at = `steps[${index}].tool`;
    const ref = parseToolRef(step.tool)!;
    if (ref.kind === 'builtin') {
      if (plan.sandbox?.tools && !plan.sandbox.tools.includes(ref.name)) problems.push(`${at}: "${step.tool}" is not in the plan's sandbox.tools (step "${step.id}")`);
      continue;
    }
    const server = await registry.server(ref.server);
    if (!server) {
      problems.push(`${at}: no MCP server named "${ref.server}" (step "${step.id}"; see opsroom mcp list)`);
      continue;
    }
    if (!server.enabled) {
      problems.push(`${at}: MCP server "${ref.server}" is disabled (step "${step.id}")`);
      continue;
    }
    const refused = checkToolAllowed(ref, server.sandbox, plan.sandbox);
    if (refused) {
      problems.push(`${at}: ${refused} (step "${step.id}")`);
      continue;
    }
    let tools: McpTool[];
    try {
      tools = await registry.tools(ref.server);
    } catch (error) {
      problems.push(`${at}: cannot list the tools of "${ref.server}": ${(error as Error).message} (step "${step.id}")`);
      continue;
    }
    const tool = tools.find((t) => t.name === ref.tool);
    if (!tool) {
      problems.push(`${at}: server "${ref.server}" has no tool "${ref.tool}" (step "${step.id}"; it has ${tools.length}: ${tools.slice(0, 12).map((t) => t.name).join(', ')}${tools.length > 12 ? ', …' : ''})`);
      continue;
    }
    if (collectReferences(step.input).references.length > 0) continue; // checked once resolved, before the call
    for (const problem of validateInput(tool.inputSchema, step.input)) problems.push(`steps[${index}].${problem} (step "${step.id}")`);
    // Both sandboxes bind: a path must lie inside the server's directories and inside the plan's.
    for (const directories of [server.sandbox.directories, plan.sandbox?.directories]) {
      const escape = directories ? await checkPaths(step.input, directories) : null;
      if (escape) problems.push(`steps[${index}].input: ${escape} (step "${step.id}")`);
    }
  }
  if (problems.length) throw new CoreError('INVALID_PLAN', `${source} is not a valid plan: ${problems.join('; ')}`);
}
