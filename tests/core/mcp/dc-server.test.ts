import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { McpServerConfigSchema } from '../../../shared/domain/mcp.ts';
import { resultText } from '../../../electron/core/mcp/desktop-commander/dc-output.ts';
import { dcConfigPath, prepareDcHome } from '../../../electron/core/mcp/desktop-commander/dc-home.ts';
import { DC_DEFAULT_TOOLS, DC_NAME, dcHomeDir, desktopCommanderServer } from '../../../electron/core/mcp/desktop-commander/dc-server.ts';
import { runShellViaDc } from '../../../electron/core/mcp/desktop-commander/dc-shell.ts';
import { connectServer, type DcTestServer } from '../../helpers/dc-test-caller.ts';
import { tempDir } from '../../helpers/tmp.ts';

const dir = tempDir('opsroom-dc-server-');
const root = realpathSync(dir.path);
const dataDir = join(root, 'data');
const work = join(root, 'work');
const home = dcHomeDir(dataDir);
let dc: DcTestServer;

const readConfig = (at = home) => JSON.parse(readFileSync(dcConfigPath(at), 'utf8')) as Record<string, unknown>;

const noSteps = {
  runId: 1,
  attempt: 1,
  stepId: 'hash',
  signal: new AbortController().signal,
  log: () => undefined,
};

describe('Desktop Commander as the default server', () => {
  before(async () => {
    mkdirSync(work);
    await prepareDcHome(home, [work]);
    dc = await connectServer(desktopCommanderServer(dataDir, { directories: [work] }));
  });

  after(async () => {
    await dc.close();
    assert.throws(() => process.kill(dc.pid, 0), { code: 'ESRCH' }, 'the server process is gone after close');
    dir.remove();
  });

  test('its config: this executable, DC by absolute path, its own HOME, telemetry off, flags from loopback', () => {
    const config = desktopCommanderServer(dataDir, { directories: [work] });
    assert.deepEqual(McpServerConfigSchema.parse(config), config);
    assert.equal(config.name, DC_NAME);
    assert.equal(config.command, process.execPath);
    const [entry, ...flags] = config.args;
    assert.ok(entry && isAbsolute(entry) && statSync(entry).isFile() && entry.endsWith(join('desktop-commander', 'dist', 'index.js')));
    assert.deepEqual(flags, ['--no-onboarding']);
    assert.equal(config.env.HOME, join(dataDir, 'mcp', 'desktop-commander'));
    assert.equal(config.env.DESKTOP_COMMANDER_DISABLE_TELEMETRY, '1');
    assert.equal(new URL(config.env.DC_FLAG_URL ?? '').hostname, '127.0.0.1');
    assert.equal(config.env.ELECTRON_RUN_AS_NODE, undefined, 'only under Electron');
    assert.deepEqual(config.sandbox, { tools: DC_DEFAULT_TOOLS, directories: [work] });
    assert.deepEqual(desktopCommanderServer(dataDir).sandbox, { tools: DC_DEFAULT_TOOLS });
    assert.ok(!DC_DEFAULT_TOOLS.includes('set_config_value'), 'a plan cannot loosen the warm server\'s config for the next');
  });

  test('it offers the tools the app uses', async () => {
    const names = (await dc.client.listTools()).tools.map((tool) => tool.name);
    for (const name of ['start_process', 'read_process_output', 'force_terminate', 'write_file', 'read_file']) {
      assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
    }
  });

  test('after DC ran, its config still has telemetry off and only the allowed directory', async () => {
    const written = readConfig();
    assert.equal(written.telemetryEnabled, false);
    assert.deepEqual(written.allowedDirectories, [work]);
    assert.equal(written.defaultShell, '/bin/sh');
    // what DC itself works with: "Current configuration:\n{…}"
    const text = resultText(await dc.caller.callTool('get_config', {}));
    const seen = JSON.parse(text.slice(text.indexOf('{'))) as Record<string, unknown>;
    assert.equal(seen.telemetryEnabled, false);
    assert.deepEqual(seen.allowedDirectories, [work]);
  });

  test('the blocked commands are the full list DC writes for itself', async () => {
    // a DC with a HOME nobody prepared writes its own defaults
    const bareData = join(root, 'bare');
    const bare = await connectServer(desktopCommanderServer(bareData));
    try {
      const own = readConfig(dcHomeDir(bareData));
      assert.ok(Array.isArray(own.blockedCommands) && own.blockedCommands.includes('sudo'));
      assert.deepEqual(readConfig().blockedCommands, own.blockedCommands);
    } finally {
      await bare.close();
    }
  });

  test('config.json is rewritten only when an owned setting changes, keeping what DC stores itself', async () => {
    // a home no DC is running in, so nothing else writes the file meanwhile
    const spare = join(root, 'spare-home');
    await prepareDcHome(spare, [work]);
    writeFileSync(dcConfigPath(spare), JSON.stringify({ ...readConfig(spare), clientId: 'kept' }));
    const before = statSync(dcConfigPath(spare));
    await prepareDcHome(spare, [work]);
    const same = statSync(dcConfigPath(spare));
    assert.equal(same.ino, before.ino);
    assert.equal(same.mtimeMs, before.mtimeMs);
    const other = join(root, 'other');
    await prepareDcHome(spare, [work, other]);
    const changed = readConfig(spare);
    assert.deepEqual(changed.allowedDirectories, [work, other]);
    assert.equal(changed.clientId, 'kept');
    assert.notEqual(statSync(dcConfigPath(spare)).ino, before.ino);
  });

  test('a file written and read through DC, and its hash from a shell step through DC', async () => {
    const file = join(work, 'notes.txt');
    const content = 'first line\nsecond line\n';
    const wrote = await dc.caller.callTool('write_file', { path: file, content, mode: 'rewrite' });
    assert.equal(wrote.isError, undefined, resultText(wrote));
    const read = resultText(await dc.caller.callTool('read_file', { path: file }));
    assert.match(read, /\n\nfirst line\nsecond line$/);
    const lines: string[] = [];
    const hashed = await runShellViaDc(dc.caller, { command: `sha256sum '${file}'`, timeoutMs: 30_000 }, {
      ...noSteps,
      output: (_stream, line) => lines.push(line),
    });
    assert.equal(hashed.ok, true, hashed.error);
    assert.equal(hashed.exitCode, 0);
    assert.deepEqual(lines, [`${createHash('sha256').update(content).digest('hex')}  ${file}`]);
  });

  test('DC itself refuses to write outside the allowed directory', async () => {
    const outside = join(root, 'outside.txt');
    const refused = await dc.caller.callTool('write_file', { path: outside, content: 'x', mode: 'rewrite' });
    assert.equal(refused.isError, true);
    assert.match(resultText(refused), /Path not allowed/);
    assert.equal(existsSync(outside), false);
  });
});
