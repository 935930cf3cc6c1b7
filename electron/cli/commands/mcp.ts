import { resolve } from 'node:path';
import { createCore, type Core } from '../../core/index.ts';
import { DATABASE_OPTIONS, UsageError, databaseOptions, parse, parseDuration, parsePairs } from '../args.ts';
import { json, table } from '../format.ts';
import { readSecretValue } from '../secret-input.ts';

export const MCP_HELP = `opsroom mcp list                         registered MCP servers
opsroom mcp add NAME [options] -- COMMAND [ARGS…]   register a stdio server
  --env K=V          environment value (repeatable); \${env:NAME} copies the app's, \${secret:NAME} a secret
  --cwd DIR          working directory
  --allow-tool NAME  only these tools may be called (repeatable)
  --allow-dir DIR    file tools may only touch these directories (repeatable)
  --timeout DUR      per-call time limit (default 60s)
  --disabled         register it switched off
opsroom mcp import FILE                  servers from claude_desktop_config.json or VS Code's mcp.json
opsroom mcp remove NAME
opsroom mcp tools NAME [--refresh]       its tools (discovered on first use)
opsroom mcp test NAME                    start it, list its tools, stop it
opsroom mcp secret set NAME              store a secret (value read from stdin, never from the command line)
opsroom mcp secret list | delete NAME
  --json                                 machine-readable output`;

const ACTIONS = ['list', 'add', 'import', 'remove', 'tools', 'test', 'secret'];

export async function mcpCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...DATABASE_OPTIONS, json: { type: 'boolean' }, refresh: { type: 'boolean' }, env: { type: 'string', multiple: true },
    cwd: { type: 'string' }, 'allow-tool': { type: 'string', multiple: true }, 'allow-dir': { type: 'string', multiple: true },
    timeout: { type: 'string' }, disabled: { type: 'boolean' },
  });
  if (values.help) return console.log(MCP_HELP), 0;
  const [action = 'list', ...rest] = positionals;
  if (!ACTIONS.includes(action)) throw new UsageError(`unknown action "${action}" (${ACTIONS.join(', ')})`);
  const name = rest[0];
  if (action !== 'list' && !name) throw new UsageError(`mcp ${action} needs a ${action === 'import' ? 'file' : action === 'secret' ? 'secret action' : 'server name'}`);
  const secretValue = action === 'secret' && rest[0] === 'set' ? await readSecretValue(rest[1]) : undefined;
  const core = await createCore({ ...databaseOptions(values), runWorkers: false });
  const out = (value: unknown, text: () => string) => console.log(values.json ? json(value) : text());
  try {
    switch (action) {
      case 'list': {
        const servers = await core.mcp.list();
        out(servers, () => table(['NAME', 'ENABLED', 'SOURCE', 'COMMAND', 'LAST ERROR'], servers.map((s) => [
          s.name, s.enabled ? 'yes' : 'no', s.source, [s.command, ...s.args].join(' ').slice(0, 80), s.lastError?.slice(0, 60) ?? ''])));
        return 0;
      }
      case 'add': {
        const [command, ...args] = rest.slice(1);
        if (!command) throw new UsageError('give the server\'s command after --, e.g. opsroom mcp add files -- npx -y @modelcontextprotocol/server-filesystem /tmp');
        // Folders are stored absolute: a relative one would later resolve against the app's or a worker's working
        // directory, not that of the shell it was typed in (and --allow-dir is a sandbox boundary).
        const server = await core.mcp.add({
          name: name!, command, args, env: parsePairs(values.env ?? [], '--env'), cwd: values.cwd ? resolve(values.cwd) : null, enabled: !values.disabled,
          sandbox: {
            ...(values['allow-tool'] ? { tools: values['allow-tool'] } : {}),
            ...(values['allow-dir'] ? { directories: values['allow-dir'].map((dir) => resolve(dir)) } : {}),
            ...(values.timeout ? { callTimeoutMs: parseDuration(values.timeout, '--timeout') } : {}),
          },
        });
        out(server, () => `server ${server.name} registered (opsroom mcp test ${server.name} checks that it starts)`);
        return 0;
      }
      case 'import': {
        const result = await core.mcp.import(name!);
        out(result, () => [
          `imported ${result.added.length} server${result.added.length === 1 ? '' : 's'}: ${result.added.map((s) => s.name).join(', ') || '-'}`,
          ...result.skipped.map((s) => `skipped ${s.name}: ${s.reason}`),
          ...result.warnings.map((w) => `warning: ${w}`),
          ...result.secretsNeeded.map((s) => `needs secret ${s.name}${s.description ? ` (${s.description})` : ''}: opsroom mcp secret set ${s.name}`),
        ].join('\n'));
        return 0;
      }
      case 'remove':
        await core.mcp.remove(name!);
        out({ removed: name }, () => `server ${name} removed`);
        return 0;
      case 'tools': {
        const tools = await core.mcp.tools(name!, { refresh: values.refresh });
        out(tools, () => table(['TOOL', 'DESCRIPTION'], tools.map((t) => [t.name, (t.description ?? '').split('\n')[0]!.slice(0, 90)])));
        return 0;
      }
      case 'test': {
        const result = await core.mcp.test(name!);
        out(result, () => [
          `${name} works: ${result.serverInfo?.name ?? '?'} ${result.serverInfo?.version ?? ''}, ${result.tools.length} tool${result.tools.length === 1 ? '' : 's'}, started and listed in ${result.elapsedMs} ms`,
          ...result.warnings.map((w) => `warning: ${w}`),
        ].join('\n'));
        return 0;
      }
      default:
        return await secretAction(core, rest, secretValue, out);
    }
  } finally {
    await core.close();
  }
}

async function secretAction(core: Core, rest: string[], value: string | undefined,
  out: (value: unknown, text: () => string) => void): Promise<number> {
  const [verb, secretName] = rest;
  if (verb === 'list') {
    const names = await core.mcp.secrets.list();
    out(names, () => (names.length ? names.join('\n') : 'no secrets stored'));
    return 0;
  }
  if (!secretName) throw new UsageError(`mcp secret ${verb} needs the secret's name`);
  if (verb === 'set') {
    await core.mcp.secrets.set(secretName, value!);
    out({ set: secretName }, () => `secret ${secretName} stored (use it as \${secret:${secretName}} in a server's env)`);
    return 0;
  }
  if (verb === 'delete') {
    const existed = await core.mcp.secrets.delete(secretName);
    out({ deleted: existed }, () => (existed ? `secret ${secretName} deleted` : `there was no secret ${secretName}`));
    return 0;
  }
  throw new UsageError(`unknown secret action "${verb}" (set, list, delete)`);
}

