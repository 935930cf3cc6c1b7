import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseMcpConfigFile } from '../../../electron/core/mcp/config-import.ts';
import { defaultConfigPaths } from '../../../electron/core/mcp/config-paths.ts';

const fixture = (name: string) => {
  const file = new URL(`../../fixtures/mcp/${name}`, import.meta.url);
  return parseMcpConfigFile(readFileSync(file, 'utf8'), name);
};

describe('Claude Desktop claude_desktop_config.json', () => {
  const parsed = fixture('claude_desktop_config.json');

  test('stdio servers are imported with their command, args and env', () => {
    assert.deepEqual(parsed.servers.map((s) => s.name), ['filesystem', 'github', 'My-Notes']);
    const github = parsed.servers[1]!;
    assert.equal(github.command, 'docker');
    assert.deepEqual(github.env, { GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_literal_token' });
    assert.equal(github.enabled, true);
    assert.deepEqual(github.sandbox, {});
  });

  test('url entries and entries without a command are skipped with the reason', () => {
    assert.deepEqual(parsed.skipped, [
      { name: 'remote', reason: 'not a stdio server (url entries are not supported)' },
      { name: 'broken', reason: 'it has no command' },
    ]);
  });

  test('a name that is not a valid server name is imported under a valid one, with a warning', () => {
    assert.deepEqual(parsed.warnings, ['server "My Notes" is imported as My-Notes (names are letters, digits, "_", "." or "-")']);
  });
});

describe('VS Code mcp.json', () => {
  const parsed = fixture('vscode-mcp.json');

  test('comments and trailing commas are read; ${input:…} becomes a secret, ${env:…} stays', () => {
    const perplexity = parsed.servers.find((s) => s.name === 'perplexity')!;
    assert.deepEqual(perplexity.env, { PERPLEXITY_API_KEY: '${secret:perplexity-key}', LOG_DIR: '${env:HOME}/logs' });
    assert.deepEqual(parsed.secretsNeeded, [{ name: 'perplexity-key', description: 'Perplexity API Key' }]);
  });

  test('http servers are skipped; ${workspaceFolder} and envFile are reported', () => {
    assert.deepEqual(parsed.skipped, [{ name: 'github', reason: 'not a stdio server (http entries are not supported)' }]);
    const workspace = parsed.servers.find((s) => s.name === 'workspace-tool')!;
    assert.equal(workspace.enabled, false);
    assert.ok(parsed.warnings.some((w) => w.startsWith('server workspace-tool: envFile ${workspaceFolder}/.env is not read')), parsed.warnings.join('\n'));
    assert.ok(parsed.warnings.some((w) => w.startsWith('server workspace-tool uses ${workspaceFolder}') && w.includes('set cwd')), parsed.warnings.join('\n'));
  });
});

test('the legacy "mcp.servers" of a VS Code settings.json', () => {
  const parsed = fixture('vscode-settings.json');
  assert.deepEqual(parsed.servers.map((s) => [s.name, s.command, s.args]), [['time', 'uvx', ['mcp-server-time']]]);
});

test('files that are not JSON or hold no servers say so', () => {
  assert.throws(() => parseMcpConfigFile('{\n  "mcpServers": {\n    "a": { "command": "x" ]\n}', 'bad.json'),
    /^Error: bad.json: not valid JSON at line 3, column 27: CommaExpected$/);
  assert.throws(() => parseMcpConfigFile('{"editor.fontSize": 12}', 'settings.json'),
    /settings.json has no MCP servers: expected an object under "mcpServers", "servers" or "mcp.servers"/);
});

test('defaultConfigPaths per OS, including the Windows MSIX location', () => {
  const linux = defaultConfigPaths('linux', { HOME: '/home/me' });
  assert.deepEqual(linux.filter((l) => l.client === 'claude-desktop').map((l) => l.path), ['/home/me/.config/Claude/claude_desktop_config.json']);
  assert.equal(linux.find((l) => l.client === 'vscode')!.path, '/home/me/.config/Code/User/mcp.json');
  const mac = defaultConfigPaths('darwin', { HOME: '/Users/me' });
  assert.equal(mac[0]!.path, '/Users/me/Library/Application Support/Claude/claude_desktop_config.json');
  const windows = defaultConfigPaths('win32', {
    USERPROFILE: 'C:\\Users\\me', APPDATA: 'C:\\Users\\me\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local',
  });
  assert.deepEqual(windows.filter((l) => l.client === 'claude-desktop').map((l) => l.path), [
    'C:\\Users\\me\\AppData\\Roaming\\Claude\\claude_desktop_config.json',
    'C:\\Users\\me\\AppData\\Local\\Packages\\Claude_pzs8sxrjxfjjc\\LocalCache\\Roaming\\Claude\\claude_desktop_config.json',
  ]);
  assert.equal(windows.find((l) => l.client === 'vscode')!.path, 'C:\\Users\\me\\AppData\\Roaming\\Code\\User\\mcp.json');
});
