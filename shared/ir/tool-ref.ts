import { z } from 'zod';

/** Tools the core runs itself, without an MCP server. */
export const BUILTIN_TOOLS = ['shell', 'http', 'sql', 'approval'] as const;
export type BuiltinTool = (typeof BUILTIN_TOOLS)[number];

export const SERVER_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * A step's tool: a built-in (`shell`, `http`, `sql`, `approval`: waits for a person) or `server/tool` for a tool on a registered MCP server
 * (`desktop-commander/write_file`). Server names cannot hold "/", so the first "/" splits; tool names are
 * taken as the server spells them (real servers break the 2025-11-25 naming guidance).
 */
export const ToolRefSchema = z.string().min(1).max(200).refine((ref) => parseToolRef(ref) !== null, {
  error: (issue) => `unknown tool "${String(issue.input)}": a tool is one of ${BUILTIN_TOOLS.join(', ')} or "<server>/<tool>"`
    + ' for a tool on a registered MCP server',
});

export type ToolRef =
  | { kind: 'builtin'; name: BuiltinTool }
  | { kind: 'mcp'; server: string; tool: string };

export function parseToolRef(ref: string): ToolRef | null {
  if ((BUILTIN_TOOLS as readonly string[]).includes(ref)) return { kind: 'builtin', name: ref as BuiltinTool };
  const slash = ref.indexOf('/');
  if (slash < 0) return null;
  const server = ref.slice(0, slash);
  const tool = ref.slice(slash + 1);
  if (!SERVER_NAME.test(server) || tool.length < 1 || tool.length > 128 || /\s/.test(tool)) return null;
  return { kind: 'mcp', server, tool };
}
