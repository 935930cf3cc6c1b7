import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { MessageChannel } from 'node:worker_threads';
import { CoreError } from '../../../electron/core/errors.ts';
import { connect, serve } from '../../../electron/core/rpc/rpc.ts';

function makeApi() {
  const calls: string[] = [];
  const api = {
    factor: 10,
    async scale(n: number) {
      calls.push('scale');
      return n * this.factor;
    },
    async echo(value: unknown) {
      calls.push('echo');
      return value;
    },
    async after(ms: number, value: string) {
      calls.push('after');
      await sleep(ms);
      return value;
    },
    async missingRun(id: number) {
      calls.push('missingRun');
      throw new CoreError('UNKNOWN_RUN', `no run ${id}`);
    },
    async plainFailure() {
      calls.push('plainFailure');
      throw new TypeError('bad type');
    },
    hang() {
      calls.push('hang');
      return new Promise<never>(() => undefined);
    },
    async dropEverything() {
      calls.push('dropEverything'); // must never run: not listed by the server
      return 'dropped';
    },
  };
  return { api, calls };
}
type TestApi = ReturnType<typeof makeApi>['api'];
const exposed = ['scale', 'echo', 'after', 'missingRun', 'plainFailure', 'hang'] as const;

function pair(onCall?: (method: string, queuedMs: number) => void) {
  const { port1, port2 } = new MessageChannel();
  const { api, calls } = makeApi();
  serve(port1, api, exposed, { onCall });
  // The client asks for more than the server allows, as a confused or hostile caller would.
  const client = connect<TestApi>(port2, [...exposed, 'dropEverything']);
  return { client, calls, serverPort: port1, close: () => { port1.close(); port2.close(); } };
}

describe('rpc over a MessagePort', () => {
  test('round trip: arguments go over, the value comes back, `this` is the api', async () => {
    const { client, close } = pair();
    try {
      assert.equal(await client.scale(4), 40);
      const value = { a: [1, 2], when: new Date(0), big: 2n ** 70n };
      assert.deepEqual(await client.echo(value), value);
    } finally {
      close();
    }
  });

  test('concurrent calls each get their own answer, whatever order they finish in', async () => {
    const { client, close } = pair();
    try {
      const slow = client.after(40, 'slow');
      const fast = client.after(1, 'fast');
      const order: string[] = [];
      await Promise.all([slow.then((v) => order.push(v)), fast.then((v) => order.push(v))]);
      assert.deepEqual(order, ['fast', 'slow']);
    } finally {
      close();
    }
  });

  test('a method the server does not list is refused by name and never runs', async () => {
    const { client, calls, close } = pair();
    try {
      await assert.rejects(client.dropEverything(), /unknown method "dropEverything"/);
      assert.deepEqual(calls, []);
      assert.equal(await client.scale(1), 10, 'the server keeps serving after a refusal');
    } finally {
      close();
    }
  });

  test('inherited names (toString, constructor) are refused too', async () => {
    const { port1, port2 } = new MessageChannel();
    serve(port1, makeApi().api, exposed);
    const client = connect<Record<string, () => Promise<unknown>>>(port2, ['toString', 'constructor']);
    try {
      for (const name of ['toString', 'constructor']) {
        await assert.rejects(client[name]!(), new RegExp(`unknown method "${name}"`));
      }
    } finally {
      port1.close();
      port2.close();
    }
  });

  test('a thrown CoreError keeps its class, code and message across', async () => {
    const { client, close } = pair();
    try {
      await assert.rejects(client.missingRun(7), (error: unknown) => {
        assert.ok(error instanceof CoreError);
        assert.equal(error.code, 'UNKNOWN_RUN');
        assert.equal(error.message, 'no run 7');
        return true;
      });
      await assert.rejects(client.plainFailure(), (error: Error) => {
        assert.ok(!(error instanceof CoreError));
        assert.equal(error.name, 'TypeError');
        assert.equal(error.message, 'bad type');
        return true;
      });
    } finally {
      close();
    }
  });

  test('onCall sees each allowed call with a queue time', async () => {
    const seen: [string, number][] = [];
    const { client, close } = pair((method, queuedMs) => seen.push([method, queuedMs]));
    try {
      await client.scale(1);
      await client.dropEverything().catch(() => undefined);
      assert.equal(seen.length, 1);
      assert.equal(seen[0]![0], 'scale');
      assert.ok(seen[0]![1] >= 0 && seen[0]![1] < 1000);
    } finally {
      close();
    }
  });

  test('pending calls reject when the server side closes the port', async () => {
    const { client, calls, serverPort } = pair();
    const pending = client.hang();
    await sleep(10);
    assert.deepEqual(calls, ['hang'], 'the call reached the server');
    serverPort.close();
    await assert.rejects(pending, /the database thread is gone/);
  });

  test('pending calls reject when the client closes its port', async () => {
    const { client, serverPort } = pair();
    try {
      const pending = client.hang();
      client.closePort();
      await assert.rejects(pending, /the database thread is gone/);
    } finally {
      serverPort.close();
    }
  });

  test('an answer that cannot be cloned rejects that call instead of crashing the serving thread', () => {
    // In a child process: today the DataCloneError escapes the port listener and kills the whole process.
    const rpc = new URL('../../../electron/core/rpc/rpc.ts', import.meta.url).href;
    const script = `
      import { MessageChannel } from 'node:worker_threads';
      import { connect, serve } from ${JSON.stringify(rpc)};
      const { port1, port2 } = new MessageChannel();
      serve(port1, { async fn() { return () => 1; }, async ok() { return 'still serving'; } }, ['fn', 'ok']);
      const client = connect(port2, ['fn', 'ok']);
      const timer = setTimeout(() => { console.log('fn: no answer'); port1.close(); }, 2000);
      client.fn().then(() => console.log('fn: resolved'), (e) => console.log('fn: rejected ' + e.message))
        .then(() => client.ok()).then((v) => console.log('ok: ' + v))
        .finally(() => { clearTimeout(timer); port1.close(); });
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(child.status, 0, `the process died: ${child.stderr.split('\n').find((l) => l.includes('Error')) ?? child.stderr}`);
    assert.match(child.stdout, /fn: rejected .*could not be cloned/);
    assert.match(child.stdout, /ok: still serving/);
  });
});
