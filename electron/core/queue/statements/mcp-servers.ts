import type { McpServer, McpServerConfig, McpTool } from '../../../../shared/domain/mcp.ts';
import type { Sql } from '../../db/sql.ts';
import { CoreError } from '../../errors.ts';

const SERVER_COLUMNS = 'id, name, command, args, env, cwd, enabled, sandbox, source, last_error, created_at';

function serverFromRow(row: Record<string, unknown>): McpServer {
  return {
    id: row.id as number,
    name: row.name as string,
    command: row.command as string,
    args: row.args as string[],
    env: row.env as Record<string, string>,
    cwd: (row.cwd as string | null) ?? null,
    enabled: row.enabled as boolean,
    sandbox: row.sandbox as McpServer['sandbox'],
    source: row.source as string,
    lastError: (row.last_error as string | null) ?? null,
    createdAt: row.created_at as Date,
  };
}

export async function listMcpServers(sql: Sql): Promise<McpServer[]> {
  const { rows } = await sql.query(`SELECT ${SERVER_COLUMNS} FROM mcp_servers ORDER BY name`);
  return rows.map(serverFromRow);
}

export async function getMcpServer(sql: Sql, name: string): Promise<McpServer> {
  const { rows } = await sql.query(`SELECT ${SERVER_COLUMNS} FROM mcp_servers WHERE name = $1`, [name]);
  if (!rows[0]) throw new CoreError('UNKNOWN_SERVER', `no MCP server named "${name}" (see: opsroom mcp list)`);
  return serverFromRow(rows[0]);
}

/** Adds or replaces a server by name; its discovered tools are kept only if the command line is unchanged. */
export async function putMcpServer(sql: Sql, config: McpServerConfig, source: string): Promise<McpServer> {
  return sql.transaction(async (tx) => {
    const { rows: before } = await tx.query<{ command: string; args: unknown }>(
      'SELECT command, args FROM mcp_servers WHERE name = $1 FOR UPDATE', [config.name]);
    const { rows } = await tx.query(`
      INSERT INTO mcp_servers (name, command, args, env, cwd, enabled, sandbox, source)
      VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6, $7::jsonb, $8)
      ON CONFLICT (name) DO UPDATE SET command = EXCLUDED.command, args = EXCLUDED.args, env = EXCLUDED.env,
        cwd = EXCLUDED.cwd, enabled = EXCLUDED.enabled, sandbox = EXCLUDED.sandbox, source = EXCLUDED.source,
        last_error = NULL, updated_at = now()
      RETURNING ${SERVER_COLUMNS}`, [config.name, config.command, JSON.stringify(config.args),
      JSON.stringify(config.env), config.cwd, config.enabled, JSON.stringify(config.sandbox), source]);
    const server = serverFromRow(rows[0]!);
    const old = before[0];
    if (old && (old.command !== config.command || JSON.stringify(old.args) !== JSON.stringify(config.args))) {
      await tx.query('DELETE FROM tools WHERE server_id = $1', [server.id]);
    }
    return server;
  });
}

export async function removeMcpServer(sql: Sql, name: string): Promise<void> {
  const { affectedRows } = await sql.query('DELETE FROM mcp_servers WHERE name = $1', [name]);
  if (affectedRows === 0) throw new CoreError('UNKNOWN_SERVER', `no MCP server named "${name}" (see: opsroom mcp list)`);
}

/** Only the switch: the rest of the row (sandbox, command line) and its discovered tools stay as they are. */
export async function setMcpServerEnabled(sql: Sql, name: string, enabled: boolean): Promise<McpServer> {
  const { rows } = await sql.query(`UPDATE mcp_servers SET enabled = $2, updated_at = now() WHERE name = $1
    RETURNING ${SERVER_COLUMNS}`, [name, enabled]);
  if (!rows[0]) throw new CoreError('UNKNOWN_SERVER', `no MCP server named "${name}" (see: opsroom mcp list)`);
  return serverFromRow(rows[0]);
}

export async function setMcpServerError(sql: Sql, name: string, error: string | null): Promise<void> {
  await sql.query('UPDATE mcp_servers SET last_error = $2 WHERE name = $1', [name, error]);
}

export interface DiscoveredTool {
  name: string;
  description?: string | null;
  inputSchema: Record<string, unknown>;
  annotations?: Record<string, unknown> | null;
}

/** Replaces a server's tool list with what tools/list just returned. */
export async function saveTools(sql: Sql, server: string, tools: DiscoveredTool[]): Promise<McpTool[]> {
  await sql.transaction(async (tx) => {
    const { id } = await getMcpServer(tx, server);
    await tx.query('DELETE FROM tools WHERE server_id = $1', [id]);
    for (const tool of tools) {
      await tx.query(`INSERT INTO tools (server_id, name, description, input_schema, annotations)
        VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)`, [id, tool.name, tool.description ?? null,
        JSON.stringify(tool.inputSchema), tool.annotations ? JSON.stringify(tool.annotations) : null]);
    }
  });
  return listTools(sql, server);
}

export async function listTools(sql: Sql, server?: string): Promise<McpTool[]> {
  const { rows } = await sql.query(`SELECT s.name AS server, t.name, t.description, t.input_schema, t.annotations,
      t.discovered_at FROM tools t JOIN mcp_servers s ON s.id = t.server_id
     WHERE $1::text IS NULL OR s.name = $1 ORDER BY s.name, t.name`, [server ?? null]);
  return rows.map((row) => ({
    server: row.server as string,
    name: row.name as string,
    description: (row.description as string | null) ?? null,
    inputSchema: row.input_schema as Record<string, unknown>,
    annotations: (row.annotations as Record<string, unknown> | null) ?? null,
    discoveredAt: row.discovered_at as Date,
  }));
}
