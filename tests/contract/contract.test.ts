import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createClient, IpcCallError, type Client } from '../../renderer/src/ipc/client.ts';
import { createWsTransport } from '../../renderer/src/ipc/ws-transport.ts';
import { METHOD_NAMES, METHODS, type MethodName } from '../../shared/ipc/contract.ts';
import type { Transport } from '../../shared/ipc/bridge.ts';
import type { RunEvent } from '../../shared/domain/run.ts';
import { FIXTURES, prepareContext, type FixtureContext } from './fixtures.ts';
import { electronLikeLink, useHarness, type Harness } from './harness.ts';

// Every method of the contract, round-tripped over both transports the app has: Electron IPC (emulated with
// structured clones) and the headless WebSocket (the renderer's own transport file, under Node).
const harness = useHarness();

const TRANSPORTS: { name: string; open(h: Harness): { transport: Transport; close(): void } }[] = [
  { name: 'electron-ipc', open: (h) => electronLikeLink(h.ipc) },
  { name: 'websocket', open: (h) => createWsTransport({ page: h.headless.url }) },
];

test('every method in the contract has a fixture, and every fixture a method', () => {
  assert.deepEqual(Object.keys(FIXTURES).sort(), [...METHOD_NAMES].sort());
});

for (const { name, open } of TRANSPORTS) {
  describe(`over ${name}`, () => {
    let link: { transport: Transport; close(): void };
    let client: Client;
    let ctx: FixtureContext;
    before(async () => {
      link = open(harness());
      client = createClient(link.transport);
      ctx = await prepareContext(harness().core, name, harness().bigPageUrl);
    });
    after(() => link.close());

    test('each method answers a valid input with output that matches its schema', async (t) => {
      // In fixture order: later fixtures use what earlier calls did (archive, then restore).
      for (const method of Object.keys(FIXTURES) as MethodName[]) {
        await t.test(method, async () => {
          const input = (FIXTURES[method] as (c: FixtureContext) => unknown)(ctx);
          await client.call(method, input as never); // createClient parses the output with the method's schema
        });
      }
    });

    test('outputs keep their types across the transport', async () => {
      const info = await client.call('app.info', {});
      assert.equal(info.shell, 'headless');
      const [run] = await client.call('runs.list', { sessionId: ctx.sessionId, limit: 1 });
      assert.ok(run?.createdAt instanceof Date, 'a Date stays a Date');
      const artifact = await client.call('artifacts.get', { runId: ctx.runId, sha256: ctx.artifactSha256 });
      assert.equal(Buffer.from(artifact.contentBase64, 'base64').toString(), 'x'.repeat(10_000));
    });

    test('a method with required fields refuses input without them: INVALID_INPUT with the fields named', async () => {
      const strict = METHOD_NAMES.filter((method) => !METHODS[method].input.safeParse({}).success);
      assert.ok(strict.length > 10, `${strict.length} methods have required fields`);
      for (const method of strict) {
        const error = await client.call(method, {} as never).then(() => null, (e: unknown) => e);
        assert.ok(error instanceof IpcCallError, `${method}: ${error}`);
        assert.equal(error.code, 'INVALID_INPUT', `${method}: ${error.message}`);
        assert.ok(error.issues?.length, `${method} names the problem fields`);
      }
    });

    test('an unknown method is UNKNOWN_METHOD, answered under the request\'s id', async () => {
      const response = await link.transport.call({ id: 4242, method: 'runs.explode', input: {} });
      assert.equal(response.id, 4242);
      assert.equal(response.ok, false);
      assert.equal(!response.ok && response.error.code, 'UNKNOWN_METHOD');
    });

    test('pushes arrive: status events of every run, output lines of a watched run', async () => {
      const events: RunEvent[] = [];
      const stop = client.on('run.events', (data) => events.push(...data.events));
      const topics: string[] = [];
      const stopChanged = client.on('changed', (data) => topics.push(data.topic));
      try {
        // The run waits on a paused lane until it is watched: no output line can come before the watch.
        await client.call('lanes.pause', { name: 'D' });
        const run = await client.call('runs.runCommand', { command: `echo hi from ${name}`, lane: 'D' });
        await client.call('runs.watch', { runIds: [run.id] });
        await client.call('lanes.resume', { name: 'D' });
        const mine = () => events.filter((e) => e.runId === run.id);
        await until(() => mine().some((e) => e.kind === 'status' && e.payload?.status === 'succeeded'));
        assert.ok(mine().some((e) => e.kind === 'output' && e.message === `hi from ${name}`), JSON.stringify(mine()));
        assert.ok(mine().every((e) => e.ts instanceof Date));
        assert.ok(topics.includes('lanes') && topics.includes('commands'), topics.join());
      } finally {
        stop();
        stopChanged();
      }
    });
  });
}

async function until(check: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
