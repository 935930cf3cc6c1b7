import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { McpServerConfig, McpTool } from '../../../shared/domain/mcp.ts';
import { createClientPool } from '../../../electron/core/mcp/client-pool.ts';
import type { McpCallError } from '../../../electron/core/mcp/mcp-call-error.ts';
import { createMcpToolHandler } from '../../../electron/core/mcp/mcp-tool-handler.ts';
import { alive, groupGone, misbehaving, noSecrets, recordingContext, tempDir, waitFor } from './mcp-test-kit.ts';

/** A pool and a handler over real servers, with tools looked up from the servers' own (tolerant) lists. */
function setup(...configs: McpServerConfig[]) {
  const byName = new Map(configs.map((config) => [config.name, config]));
  const warnings: string[] = [];
  const resolveServer = async (name: string) => {
    const config = byName.get(name);
    if (!config) throw new Error(`no server ${name} in this test`);
    return config;
  };
  const pool = createClientPool({ resolveServer, secrets: noSecrets, onWarning: (_server, message) => warnings.push(message) });
  const known = new Map<string, McpTool[]>();
  const lookupTool = async (server: string, tool: string) => {
    if (!known.has(server)) known.set(server, (await pool.listTools(server)).tools);
    return known.get(server)!.find((t) => t.name === tool) ?? null;
  };
  const handler = createMcpToolHandler({ pool, lookupTool, resolveServer });
  after(() => pool.close());
  return { pool, handler, warnings };
}

describe('a warm server through the pool and the tool handler', () => {
  const dir = tempDir('mcp-misbehave');
  const cancelFile = join(dir, 'cancelled');
  const { pool, handler, warnings } = setup(
    misbehaving('m', { MISBEHAVE_CANCEL_FILE: cancelFile, MISBEHAVE_BANNER: '1' }, { sandbox: { maxOutputBytes: 10_000 } }),
  );

  test('a call returns its text as stdout and the stderr it provoked as the step\'s stderr', async () => {
    const { ctx, lines } = recordingContext();
    const result = await handler.run({ server: 'm', tool: 'echo' }, { text: 'hello' }, ctx);
    assert.deepEqual(result, { ok: true });
    assert.deepEqual(lines('stdout'), ['hello']);
    assert.deepEqual(lines('stderr'), ['echo: hello']);
  });

  test('a stdout banner is skipped with a warning, not fatal', () => {
    assert.ok(warnings.some((w) => w.includes('server m wrote a line that is not JSON') && w.includes('Misbehaving server v1 starting')), warnings.join('\n'));
  });

  test('a crash mid-call fails that call with the exit and stderr; the next call gets a fresh server', async () => {
    const before = (await pool.caller('m')).pid!;
    const { ctx } = recordingContext();
    const result = await handler.run({ server: 'm', tool: 'crash' }, {}, ctx);
    assert.equal(result.ok, false);
    assert.match(result.error!, /^server m exited \(exit code 3\) during tools\/call crash; last stderr lines:\n/);
    assert.match(result.error!, /crash: exiting on purpose/);

    const again = recordingContext();
    assert.deepEqual(await handler.run({ server: 'm', tool: 'echo' }, { text: 'back' }, again.ctx), { ok: true });
    assert.deepEqual(again.lines('stdout'), ['back']);
    const after = (await pool.caller('m')).pid!;
    assert.notEqual(after, before);
    assert.ok(await waitFor(() => groupGone(before), 5000), 'the crashed server left processes behind');
  });

  test('a call past its timeout fails with the time, and the server receives notifications/cancelled', async () => {
    const { ctx } = recordingContext({ timeoutMs: 300 });
    const result = await handler.run({ server: 'm', tool: 'hang' }, {}, ctx);
    assert.deepEqual(result, { ok: false, error: 'server m: tools/call hang timed out after 300 ms' });
    assert.ok(await waitFor(() => existsSync(cancelFile), 5000), 'the server never saw notifications/cancelled');
    assert.match(readFileSync(cancelFile, 'utf8'), /^cancelled: /);
  });

  test('aborting the step\'s signal cancels the call promptly', async () => {
    const { ctx, controller } = recordingContext();
    const started = performance.now();
    const pending = handler.run({ server: 'm', tool: 'hang' }, {}, ctx);
    setTimeout(() => controller.abort('cancel'), 100);
    assert.deepEqual(await pending, { ok: false, error: 'cancelled' });
    assert.ok(performance.now() - started < 3000, `took ${performance.now() - started} ms`);
  });

  test('output past maxOutputBytes is cut with a marker saying how much was not kept', async () => {
    const { ctx, lines } = recordingContext();
    // 1,000 lines of 100 bytes: 100 fit the 10,000-byte cap
    const result = await handler.run({ server: 'm', tool: 'flood' }, { bytes: 100_000 }, ctx);
    assert.equal(result.ok, true);
    const out = lines('stdout');
    assert.equal(out.length, 101);
    assert.equal(out.at(-1), '[… 90000 bytes more not kept]');
  });

  test('an isError result fails the step with the server\'s text', async () => {
    const { ctx } = recordingContext();
    assert.deepEqual(await handler.run({ server: 'm', tool: 'fail' }, {}, ctx),
      { ok: false, error: 'm/fail reported an error: the fail tool failed on purpose' });
  });

  test('progress notifications reach the step log', async () => {
    const { ctx, logs } = recordingContext();
    assert.equal((await handler.run({ server: 'm', tool: 'progress' }, { steps: 3 }, ctx)).ok, true);
    assert.deepEqual(logs.map((l) => [l.message, l.payload]), [
      ['progress 1/3: step 1', { progress: 1, total: 3 }],
      ['progress 2/3: step 2', { progress: 2, total: 3 }],
      ['progress 3/3: step 3', { progress: 3, total: 3 }],
    ]);
  });

  test('progress resets the idle timeout, but never past the total maximum', async () => {
    const caller = await pool.caller('m');
    // 5 steps 100 ms apart outlast a 400 ms idle timeout only because each progress resets it
    const done = await caller.callTool('progress', { steps: 5, delayMs: 100 }, { timeoutMs: 400, onProgress: () => {} });
    assert.deepEqual(done.content, [{ type: 'text', text: 'did 5 steps' }]);
    await assert.rejects(
      caller.callTool('progress', { steps: 10, delayMs: 100 }, { timeoutMs: 400, maxTotalMs: 600, onProgress: () => {} }),
      (error: McpCallError) => {
        assert.equal(error.kind, 'timeout');
        assert.equal(error.message, 'server m: tools/call progress timed out after 600 ms in all (progress does not extend a call past that)');
        return true;
      });
  });

  test('concurrent first uses share one server', async () => {
    const [a, b] = await Promise.all([pool.caller('m'), pool.caller('m')]);
    assert.equal(a.pid, b.pid);
  });
});

test('malformed entries of tools/list are skipped one by one, with a warning each', async () => {
  const { pool } = setup(misbehaving('malformed', { MISBEHAVE_MALFORMED: '1' }));
  const list = await pool.listTools('malformed');
  assert.deepEqual(list.tools.map((t) => t.name), ['echo', 'crash', 'hang', 'flood', 'fail', 'progress']);
  assert.deepEqual(list.warnings, [
    'server malformed: skipped tool "broken" from tools/list: inputSchema is null, not an object',
    'server malformed: skipped tool "has space" from tools/list: its name is not 1-128 characters without spaces',
  ]);
  const echo = await (await pool.caller('malformed')).callTool('echo', { text: 'still works' });
  assert.deepEqual(echo.content, [{ type: 'text', text: 'still works' }]);
});

describe('refusals happen before the server is started', () => {
  // The command does not exist: if a check let the call through, the error would be the failed start instead.
  const ghost: McpServerConfig = {
    ...misbehaving('ghost', {}, { sandbox: { tools: ['echo', 'read'], directories: ['/srv/allowed'] } }),
    command: '/nonexistent/opsroom-test-server',
  };
  const echo: McpTool = {
    server: 'ghost', name: 'echo', description: null, annotations: null, discoveredAt: new Date(),
    inputSchema: { type: 'object', properties: { text: { type: 'string' }, path: { type: 'string' } }, required: ['text'] },
  };
  const pool = createClientPool({ resolveServer: async () => ghost, secrets: noSecrets });
  const handler = createMcpToolHandler({ pool, resolveServer: async () => ghost, lookupTool: async (_s, t) => (t === 'echo' ? echo : null) });
  after(() => pool.close());
  const run = (tool: string, input: unknown, extra = {}) => handler.run({ server: 'ghost', tool }, input, recordingContext(extra).ctx);

  test('invalid input names the argument', async () => {
    assert.deepEqual(await run('echo', { text: 5 }), { ok: false, error: 'invalid input for ghost/echo: input.text: must be string' });
  });

  test('a tool outside the server\'s or the plan\'s allowlist', async () => {
    assert.match((await run('crash', {})).error!, /^server ghost allows only the tools echo, read; "crash" is not among them/);
    const planSandbox = { tools: ['other/*'] };
    assert.match((await run('echo', { text: 'x' }, { planSandbox })).error!, /^the plan's sandbox does not allow ghost\/echo/);
  });

  test('a path outside the sandbox', async () => {
    assert.match((await run('echo', { text: 'x', path: '/srv/allowed/../etc/passwd' })).error!,
      /^ghost\/echo refused by the server's sandbox: argument path .* is outside the allowed directories: \/srv\/allowed$/);
  });

  test('a tool discovery never saw', async () => {
    assert.match((await run('read', {})).error!, /^server ghost has no tool "read" in its discovered tool list/);
  });

  test('and when everything passes, the failed start is what is reported', async () => {
    assert.equal((await run('echo', { text: 'x', path: '/srv/allowed/a' })).error,
      'server ghost: cannot start `/nonexistent/opsroom-test-server`: no such file');
  });
});

describe('starting and stopping servers', () => {
  test('a command not on PATH says so, with the PATH it searched', async () => {
    const config = { ...misbehaving('nopath'), command: 'opsroom-no-such-server' };
    const pool = createClientPool({ resolveServer: async () => config, secrets: noSecrets });
    await assert.rejects(pool.caller('nopath'), (error: Error) => {
      assert.match(error.message, /^server nopath: cannot start `opsroom-no-such-server`: not found on PATH \(.*\/.*\)$/);
      return true;
    });
    await pool.close();
  });

  test('a server that does not answer initialize in time is named, with its stderr, and stopped', async () => {
    const dir = tempDir('mcp-slow');
    const grandchildFile = join(dir, 'grandchild');
    const config = misbehaving('slow', { MISBEHAVE_SLOW_START_MS: '60000', MISBEHAVE_CHATTER: '1', MISBEHAVE_GRANDCHILD_FILE: grandchildFile });
    const pool = createClientPool({ resolveServer: async () => config, secrets: noSecrets, initializeTimeoutMs: 500 });
    await assert.rejects(pool.caller('slow'), (error: Error) => {
      assert.match(error.message, /^server slow did not answer initialize within 0.5 s; last stderr lines:\n {2}chatter 1: warming up/);
      return true;
    });
    const grandchild = Number.parseInt(readFileSync(grandchildFile, 'utf8'), 10);
    assert.ok(await waitFor(() => !alive(grandchild), 5000), 'the slow server\'s process group was left running');
    await pool.close();
  });

  test('close() stops the whole process group, including a grandchild that outlived the server', async () => {
    const dir = tempDir('mcp-group');
    const grandchildFile = join(dir, 'grandchild');
    const config = misbehaving('group', { MISBEHAVE_GRANDCHILD_FILE: grandchildFile });
    const pool = createClientPool({ resolveServer: async () => config, secrets: noSecrets });
    const pid = (await pool.caller('group')).pid!;
    const grandchild = Number.parseInt(readFileSync(grandchildFile, 'utf8'), 10);
    assert.ok(alive(pid) && alive(grandchild));
    await pool.close();
    assert.equal(alive(pid), false);
    assert.ok(await waitFor(() => groupGone(pid), 5000), `process group ${pid} still has processes`);
    assert.equal(alive(grandchild), false);
    await assert.rejects(pool.caller('group'), /the MCP client pool is closed/);
  });

  test('a server killed while idle is started again on next use', async () => {
    const config = misbehaving('idle');
    const warnings: string[] = [];
    const pool = createClientPool({ resolveServer: async () => config, secrets: noSecrets, onWarning: (_s, m) => warnings.push(m) });
    const first = await pool.caller('idle');
    process.kill(first.pid!, 'SIGKILL');
    assert.ok(await waitFor(() => warnings.some((w) => w.includes('server idle exited (killed by SIGKILL)')), 5000), warnings.join('\n'));
    await assert.rejects(first.callTool('echo', { text: 'x' }), (error: McpCallError) => {
      assert.equal(error.kind, 'exited');
      assert.match(error.message, /^server idle is not running \(killed by SIGKILL\); cannot send tools\/call echo/);
      return true;
    });
    const second = await pool.caller('idle');
    assert.notEqual(second.pid, first.pid);
    assert.deepEqual(await second.callTool('echo', { text: 'x' }), { content: [{ type: 'text', text: 'x' }] });
    await pool.close();
  });
});
