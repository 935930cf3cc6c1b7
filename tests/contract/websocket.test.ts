import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import WebSocket from 'ws';
import { startHeadless } from '../../electron/headless/server.ts';
import { createClient, type IpcCallError } from '../../renderer/src/ipc/client.ts';
import type { ConnectionState } from '../../renderer/src/ipc/connection-state.ts';
import { createWsTransport } from '../../renderer/src/ipc/ws-transport.ts';
import { decodeWire, encodeWire } from '../../shared/ipc/wire.ts';
import type { RunEvent } from '../../shared/domain/run.ts';
import { fakeRendererDir } from '../helpers/serve.ts';
import { useHarness } from './harness.ts';

// The WebSocket endpoint itself: who may open it, what garbage gets, and how the renderer's transport lives
// through a refused token and a server restart.
const harness = useHarness();

const socketUrl = (token?: string) => `ws://127.0.0.1:${harness().headless.port}/ws${token === undefined ? '' : `?token=${token}`}`;

/** The HTTP status of an upgrade attempt: 101 when it opened. */
function upgradeStatus(url: string, options: WebSocket.ClientOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    ws.on('open', () => { ws.close(); resolve(101); });
    ws.on('unexpected-response', (_req, res) => { res.resume(); resolve(res.statusCode ?? 0); });
    ws.on('error', reject);
  });
}

test('only the token holder, under this server\'s own host and origin, may open the socket', async () => {
  const { token, port } = harness().headless;
  assert.equal(await upgradeStatus(socketUrl()), 401, 'no token');
  assert.equal(await upgradeStatus(socketUrl('wrong')), 401, 'wrong token');
  assert.equal(await upgradeStatus(socketUrl(`${token}x`)), 401, 'a longer token');
  assert.equal(await upgradeStatus(socketUrl(token), { headers: { Host: `attacker.example:${port}` } }), 403, 'rebinding Host');
  assert.equal(await upgradeStatus(socketUrl(token), { origin: 'http://attacker.example' }), 403, 'another site');
  assert.equal(await upgradeStatus(socketUrl(token), { origin: `http://127.0.0.1:${port + 1}` }), 403, 'another port');
  assert.equal(await upgradeStatus(socketUrl(token), { origin: `http://127.0.0.1:${port}` }), 101);
  assert.equal(await upgradeStatus(socketUrl(token), { headers: { Host: `localhost:${port}` }, origin: `http://localhost:${port}` }), 101);
  assert.equal(await upgradeStatus(socketUrl(token)), 101, 'no Origin: not a browser page');
  assert.equal(await upgradeStatus(`ws://127.0.0.1:${port}/other?token=${token}`), 404);
});

test('a request path no URL parser accepts is refused, and the server lives on (any web page can send one)', async () => {
  const { token, port } = harness().headless;
  for (const path of ['//', '//[', '//a:99999/']) {
    const status = await rawUpgradeStatus(port, path);
    assert.ok(status >= 400 && status < 500, `${path}: ${status}`);
  }
  assert.equal(await upgradeStatus(socketUrl(token)), 101, 'still serving');
});

/** An upgrade request with a literal request target, as a hostile page's browser could send it. */
function rawUpgradeStatus(port: number, target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
      'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n'));
    let text = '';
    socket.on('data', (chunk) => { text += chunk; });
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0)));
    socket.on('error', reject);
  });
}

test('garbage frames get BAD_MESSAGE and the same socket keeps answering', async () => {
  const ws = new WebSocket(socketUrl(harness().headless.token));
  const answers: unknown[] = [];
  ws.on('message', (data) => answers.push(decodeWire(data.toString())));
  await new Promise((resolve) => ws.once('open', resolve));
  const next = async () => {
    const deadline = Date.now() + 5000;
    while (answers.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    return answers.shift() as { id: number | null; ok: boolean; error?: { code: string }; output?: unknown };
  };
  for (const [what, frame] of [['not JSON', '{"id": 1,'], ['wrong shape', '{"hello": "there"}'], ['an array', '[1, 2]']] as const) {
    ws.send(frame);
    const answer = await next();
    assert.equal(answer.ok, false, what);
    assert.equal(answer.error?.code, 'BAD_MESSAGE', what);
  }
  ws.send(Buffer.from(encodeWire({ id: 7, method: 'app.info', input: {} })), { binary: true });
  assert.equal((await next()).error?.code, 'BAD_MESSAGE', 'a binary frame');
  ws.send(encodeWire({ id: 8, method: 'app.info', input: {} }));
  const answer = await next();
  assert.deepEqual([answer.id, answer.ok], [8, true]);
  ws.close();
});

test('the transport: no token or a refused one ends in closed with the reason; calls fail at once', async () => {
  const { origin } = harness().headless;
  const none = createWsTransport({ page: `${origin}/` });
  assert.equal(none.connection.get(), 'closed');
  assert.match(none.connection.reason() ?? '', /open the URL printed by opsroom serve, including \?token=/);
  const refused = createWsTransport({ page: `${origin}/?token=stale` });
  await stateIs(refused.connection, 'closed');
  assert.match(refused.connection.reason() ?? '', /not authorized: open the URL printed by opsroom serve/);
  const response = await refused.transport.call({ id: 3, method: 'app.info', input: {} });
  assert.deepEqual(response, { id: 3, ok: false, error: { code: 'UNAUTHORIZED', message: refused.connection.reason() } });
});

test('the transport reconnects after a server restart and watches the same runs again', async () => {
  const h = harness();
  const ws = createWsTransport({ page: h.headless.url, waitMs: 500 });
  const client = createClient(ws.transport);
  const states: ConnectionState[] = [];
  ws.connection.subscribe((state) => states.push(state));
  const events: RunEvent[] = [];
  client.on('run.events', (data) => events.push(...data.events));
  await client.call('lanes.pause', { name: 'D' });
  const run = await client.call('runs.runCommand', { command: 'echo after the restart', lane: 'D' });
  await client.call('runs.watch', { runIds: [run.id] });

  // The same port and token, as after `opsroom serve --port N` restarted with the page still open. The call
  // is on the wire when the server goes: it fails with DISCONNECTED instead of hanging.
  const inFlight = client.call('lanes.list', {}).then(() => null, (e: IpcCallError) => e.code);
  await h.headless.close();
  assert.equal(await inFlight, 'DISCONNECTED');
  await stateIs(ws.connection, 'reconnecting');
  // A call made while reconnecting waits for the socket, for waitMs at most.
  await assert.rejects(client.call('app.info', {}), { code: 'DISCONNECTED', message: /not connected to opsroom serve \(waited 500 ms\)/ });
  const during = client.call('app.info', {});
  h.headless = await startHeadless({ ipc: h.ipc, rendererDir: fakeRendererDir(), port: h.headless.port, token: h.headless.token });
  assert.equal((await during).shell, 'headless');
  assert.deepEqual(states, ['open', 'reconnecting', 'open']);

  await h.core.lanes.resume('D');
  const deadline = Date.now() + 15_000;
  while (!events.some((e) => e.runId === run.id && e.kind === 'output') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  assert.ok(events.some((e) => e.runId === run.id && e.kind === 'output' && e.message === 'after the restart'),
    'output lines of the watched run arrive without watching again');
  ws.close();
  assert.equal(ws.connection.get(), 'closed');
});

async function stateIs(connection: { get(): ConnectionState }, state: ConnectionState, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (connection.get() !== state) {
    if (Date.now() > deadline) throw new Error(`still ${connection.get()} after ${ms} ms, not ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
