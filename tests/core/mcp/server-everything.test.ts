import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { McpTool } from '../../../shared/domain/mcp.ts';
import { createClientPool } from '../../../electron/core/mcp/client-pool.ts';
import { discoverTools } from '../../../electron/core/mcp/discover-tools.ts';
import { createMcpToolHandler } from '../../../electron/core/mcp/mcp-tool-handler.ts';
import { everything, noSecrets, recordingContext } from './mcp-test-kit.ts';

// The reference server of the MCP project, as a real process: what any well-behaved server does, we must handle.
describe('@modelcontextprotocol/server-everything', async () => {
  const config = everything();
  const discovery = await discoverTools(config, { secrets: noSecrets });
  const pool = createClientPool({ resolveServer: async () => config, secrets: noSecrets });
  const handler = createMcpToolHandler({
    pool,
    resolveServer: async () => config,
    lookupTool: async (_server, tool) => discovery.tools.find((t: McpTool) => t.name === tool) ?? null,
  });
  after(() => pool.close());
  const run = (tool: string, input: Record<string, unknown>, ctx = recordingContext().ctx) =>
    handler.run({ server: 'everything', tool }, input, ctx);

  test('discovery lists its tools with their schemas and names the server', () => {
    const names = discovery.tools.map((t) => t.name);
    for (const name of ['echo', 'get-sum', 'trigger-long-running-operation', 'get-tiny-image']) assert.ok(names.includes(name), names.join(', '));
    const sum = discovery.tools.find((t) => t.name === 'get-sum')!;
    assert.equal(sum.server, 'everything');
    assert.deepEqual(sum.inputSchema.required, ['a', 'b']);
    assert.equal(sum.annotations?.readOnlyHint, true);
    assert.deepEqual(discovery.warnings, []);
    assert.match(discovery.serverInfo?.name ?? '', /everything/);
    assert.ok(discovery.elapsedMs > 0);
  });

  test('progress of a long-running operation reaches the step log, and its result the output', async () => {
    const { ctx, logs, lines } = recordingContext();
    const result = await run('trigger-long-running-operation', { duration: 0.4, steps: 4 }, ctx);
    assert.deepEqual(result, { ok: true });
    assert.deepEqual(logs.map((l) => l.message), ['progress 1/4', 'progress 2/4', 'progress 3/4', 'progress 4/4']);
    assert.deepEqual(logs[3]!.payload, { progress: 4, total: 4 });
    assert.match(lines('stdout').join('\n'), /Long running operation completed/);
  });

  test('a long call cancelled through the step signal stops promptly', async () => {
    const recording = recordingContext();
    const started = performance.now();
    const pending = run('trigger-long-running-operation', { duration: 20, steps: 100 }, recording.ctx);
    // cancel once the operation is visibly under way
    while (recording.logs.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    recording.controller.abort('cancel');
    assert.deepEqual(await pending, { ok: false, error: 'cancelled' });
    assert.ok(performance.now() - started < 5000, `took ${performance.now() - started} ms`);
    // the server is still usable afterwards
    assert.deepEqual(await run('get-sum', { a: 2, b: 3 }), { ok: true });
  });

  test('an isError result fails the step with the server\'s message', async () => {
    const result = await run('get-resource-reference', { resourceId: -1 });
    assert.equal(result.ok, false);
    assert.match(result.error!, /^everything\/get-resource-reference reported an error: .*Invalid resourceId: -1/);
  });

  test('non-text content is summarised and structured content becomes the result', async () => {
    const image = recordingContext();
    assert.equal((await run('get-tiny-image', {}, image.ctx)).ok, true);
    assert.ok(image.lines('stdout').some((line) => /^\[image image\/png, \d+ bytes\]$/.test(line)), image.lines('stdout').join('\n'));
    const weather = await run('get-structured-content', { location: 'New York' });
    assert.equal(weather.ok, true);
    assert.equal(typeof (weather.result as { temperature: unknown }).temperature, 'number');
  });

  test('arguments are checked against the discovered schema before the call', async () => {
    assert.deepEqual(await run('get-sum', { a: 2 }), { ok: false, error: 'invalid input for everything/get-sum: input.b: is required' });
  });
});
