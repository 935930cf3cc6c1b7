import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import type { WebSocket } from 'ws';
import type { IpcServer } from '../../electron/core/index.ts';
import { bridgeSocket, MAX_BUFFERED_BYTES } from '../../electron/headless/socket-bridge.ts';
import type { Push } from '../../shared/ipc/wire.ts';

/** A socket whose peer reads nothing: everything sent stays buffered. */
class StalledSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  sent = 0;
  closedWith: number | null = null;
  send(text: string) {
    this.sent++;
    this.bufferedAmount += Buffer.byteLength(text);
  }
  close(code: number) {
    this.closedWith = code;
    this.readyState = 2;
  }
}

test('a client that stops reading is closed with 1013 once 32 MiB wait for it, and gets nothing more', () => {
  let push!: (push: Push) => void;
  let closed = false;
  const ipc: IpcServer = {
    connect(p) {
      push = p;
      return { handle: async () => ({ id: 1, ok: true, output: null }), close: () => { closed = true; } };
    },
    close() {},
  };
  const ws = new StalledSocket();
  bridgeSocket(ws as unknown as WebSocket, ipc);
  const line = { runId: 1, attempt: 1, stepId: 's', kind: 'output', level: 'info', message: 'x'.repeat(1024 * 1024), payload: null, seq: 1, ts: new Date() };
  while (ws.closedWith === null && ws.sent < 100) push({ event: 'run.events', data: { events: [line] } });
  assert.equal(ws.closedWith, 1013);
  assert.ok(ws.bufferedAmount > MAX_BUFFERED_BYTES && ws.bufferedAmount < MAX_BUFFERED_BYTES + 2 * 1024 * 1024);
  const sent = ws.sent;
  push({ event: 'changed', data: { topic: 'lanes' } });
  assert.equal(ws.sent, sent, 'nothing is sent on a closing socket');
  ws.emit('close');
  assert.ok(closed, 'its IPC connection is closed with it');
});

test('an answer the client asked for goes out whatever is buffered: only pushes are held to the limit', async () => {
  const ipc: IpcServer = {
    connect: () => ({ handle: async () => ({ id: 7, ok: true, output: 'a large artifact' }), close() {} }),
    close() {},
  };
  const ws = new StalledSocket();
  bridgeSocket(ws as unknown as WebSocket, ipc);
  ws.bufferedAmount = MAX_BUFFERED_BYTES + 1;
  ws.emit('message', Buffer.from(JSON.stringify({ id: 7, method: 'app.info', input: {} })), false);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(ws.sent, 1);
  assert.equal(ws.closedWith, null);
});
