import { z } from 'zod';
import { McpServerConfigSchema, McpServerSchema, McpToolSchema } from '../../domain/mcp.ts';
import { SERVER_NAME } from '../../ir/tool-ref.ts';
import { method } from './define.ts';

const Name = z.string().regex(SERVER_NAME, 'a server name is 1-64 letters, digits, "_", "." or "-"');

export const McpImportResultSchema = z.object({
  added: z.array(McpServerSchema),
  skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
  warnings: z.array(z.string()),
  secretsNeeded: z.array(z.object({ name: z.string(), description: z.string().nullable() })),
});

export const mcpMethods = {
  'mcp.list': method(z.strictObject({}), z.array(McpServerSchema), 'registered MCP servers with their last error'),
  'mcp.add': method(McpServerConfigSchema, McpServerSchema, 'register an MCP server (stdio command line)'),
  'mcp.remove': method(z.strictObject({ name: Name }), z.object({ removed: z.string() }), 'forget a server and its tools'),
  'mcp.setEnabled': method(z.strictObject({ name: Name, enabled: z.boolean() }), McpServerSchema,
    'allow or refuse plans that use this server'),
  'mcp.import': method(z.union([
    z.strictObject({ path: z.string().min(1) }),
    z.strictObject({ text: z.string().min(1).max(1_000_000), source: z.string().min(1).max(200).default('pasted config') }),
  ]), McpImportResultSchema, 'add the servers of a Claude Desktop or VS Code MCP config (a file path or its text)'),
  'mcp.test': method(z.strictObject({ name: Name }), z.object({
    server: McpServerSchema,
    tools: z.array(McpToolSchema),
    serverInfo: z.object({ name: z.string().optional(), version: z.string().optional() }).nullable(),
    warnings: z.array(z.string()),
    elapsedMs: z.number(),
  }), 'start the server, list its tools, stop it'),
  'mcp.tools': method(z.strictObject({ server: Name, refresh: z.boolean().default(false) }), z.array(McpToolSchema),
    'a server\'s tools with their input schemas'),
};
