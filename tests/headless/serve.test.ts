import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createClient } from '../../renderer/src/ipc/client.ts';
import { createWsTransport } from '../../renderer/src/ipc/ws-transport.ts';
import { alive } from '../helpers/alive.ts';
import { cli } from '../helpers/cli.ts';
import { fakeRendererDir, startServe, type Served } from '../helpers/serve.ts';
import { tempDir } from '../helpers/tmp.ts';

// `opsroom serve` as a process: what it prints and writes, what it refuses, and how it stops.
describe('opsroom serve', () => {
  const rendererDir = fakeRendererDir();
  let served: Served;
  before(async () => {
    served = await startServe({ args: ['--renderer-dir', rendererDir] });
  });
  after(() => served.child.kill('SIGKILL'));

  test('prints the URL, and writes serve.json for this user only, with the token', async () => {
    assert.match(served.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    const file = join(served.dataDir, 'serve.json');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const info = JSON.parse(readFileSync(file, 'utf8'));
    assert.deepEqual({ ...info, pid: typeof info.pid }, { pid: 'number', url: served.url, port: served.port, token: served.token });
    assert.ok(alive(info.pid));
  });

  test('serves the page and the contract', async () => {
    const page = await fetch(served.url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<div id="root">/);
    const ws = createWsTransport({ page: served.url });
    try {
      const info = await createClient(ws.transport).call('app.info', {});
      assert.deepEqual([info.shell, info.dataDir, info.lanes], ['headless', served.dataDir, ['A', 'B', 'C', 'D']]);
    } finally {
      ws.close();
    }
  });

  test('a taken port, a non-loopback --host and an unbuilt renderer are refused before the database is touched', async () => {
    const dataDir = join(tempDir().path, 'data');
    const taken = await cli(['serve', '--port', String(served.port), '--data-dir', dataDir, '--renderer-dir', rendererDir]);
    assert.equal(taken.code, 2, taken.stderr);
    assert.match(taken.stderr, new RegExp(`^opsroom serve: port ${served.port} on 127.0.0.1 is already in use .*--port 0 for a free one`));
    const wide = await cli(['serve', '--host', '0.0.0.0', '--data-dir', dataDir, '--renderer-dir', rendererDir]);
    assert.equal(wide.code, 2);
    assert.match(wide.stderr, /^opsroom serve: --host 0\.0\.0\.0 is not a loopback address/);
    const unbuilt = await cli(['serve', '--data-dir', dataDir, '--renderer-dir', tempDir().path]);
    assert.equal(unbuilt.code, 2);
    assert.match(unbuilt.stderr, /the renderer is not built .*run `npm run build` \(or `npm run serve`, which builds first\)/);
    assert.equal(existsSync(dataDir), false);
    const badPort = await cli(['serve', '--port', '70000']);
    assert.equal(badPort.code, 2);
    assert.match(badPort.stderr, /--port takes 0 to 65535/);
  });

  test('is in the help', async () => {
    assert.match((await cli(['--help'])).stdout, /^  serve {6}run lane workers and serve the UI/m);
    assert.match((await cli(['serve', '--help'])).stdout, /--port N .*default 4780[\s\S]*--host ADDR .*loopback only/);
  });

  test('SIGTERM drains and exits 0, removing serve.json', async () => {
    assert.equal(await served.stop(), 0, served.stderr());
    assert.match(served.stderr(), /opsroom serve: stopping/);
    assert.equal(existsSync(join(served.dataDir, 'serve.json')), false);
  });

  test('the server does not outlive a killed `opsroom serve`', async () => {
    const again = await startServe({ dataDir: served.dataDir, args: ['--renderer-dir', rendererDir] });
    const { pid } = JSON.parse(readFileSync(join(again.dataDir, 'serve.json'), 'utf8'));
    again.child.kill('SIGKILL');
    const deadline = Date.now() + 20_000;
    while (alive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(alive(pid), false, 'the server process drained and exited');
    assert.equal(existsSync(join(again.dataDir, 'serve.json')), false);
  });
});
