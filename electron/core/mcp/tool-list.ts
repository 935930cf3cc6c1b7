import type { McpTool } from '../../../shared/domain/mcp.ts';
import { schemaProblem } from './input-validator.ts';

export interface ToolList {
  tools: McpTool[];
  /** One per skipped entry, naming the server, the entry and what is wrong with it. */
  warnings: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads the raw `tools` of `tools/list` pages one entry at a time. The SDK's listTools() rejects the whole list
 * when one entry is malformed (e.g. `inputSchema: null`), which makes a working server look dead; here a bad
 * entry is skipped with a warning and the rest stay usable.
 */
export function parseToolList(server: string, entries: readonly unknown[], discoveredAt = new Date()): ToolList {
  const tools: McpTool[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const label = isRecord(entry) && typeof entry.name === 'string' ? `tool "${entry.name}"` : `tool #${index + 1}`;
    const problem = entryProblem(entry, seen);
    if (problem) {
      warnings.push(`server ${server}: skipped ${label} from tools/list: ${problem}`);
      return;
    }
    const tool = entry as Record<string, unknown> & { name: string; inputSchema: Record<string, unknown> };
    seen.add(tool.name);
    tools.push({
      server,
      name: tool.name,
      description: typeof tool.description === 'string' ? tool.description : null,
      inputSchema: tool.inputSchema,
      annotations: isRecord(tool.annotations) ? tool.annotations : null,
      discoveredAt,
    });
  });
  return { tools, warnings };
}

function entryProblem(entry: unknown, seen: ReadonlySet<string>): string | null {
  if (!isRecord(entry)) return 'not an object';
  const { name, inputSchema } = entry;
  // the limits a step's `server/tool` reference can hold (shared/ir/tool-ref.ts)
  if (typeof name !== 'string' || name.length < 1 || name.length > 128 || /\s/.test(name)) {
    return 'its name is not 1-128 characters without spaces';
  }
  if (seen.has(name)) return 'a second tool with the same name';
  if (!isRecord(inputSchema)) return `inputSchema is ${inputSchema === null ? 'null' : typeof inputSchema}, not an object`;
  if (inputSchema.type !== 'object') return `inputSchema.type is ${JSON.stringify(inputSchema.type)}, not "object"`;
  const compileProblem = schemaProblem(inputSchema);
  return compileProblem ? `inputSchema does not compile: ${compileProblem}` : null;
}
