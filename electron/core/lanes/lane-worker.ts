import { parentPort, workerData } from 'node:worker_threads';
import { createSecretStore } from '../mcp/secret-store.ts';
import type { BackoffOptions } from '../queue/backoff.ts';
import { startLaneLoop } from './lane-loop.ts';
import { laneTools } from './lane-tools.ts';
import { openStore, type StoreAddress } from '../db/store-address.ts';
import type { HostToWorker, WorkerToHost } from './lane-messages.ts';

/** Entry of a lane worker thread. All decisions live in lane-loop.ts; this only wires the thread's ports. */
export interface LaneWorkerData {
  lane: string;
  workerId: string;
  address: StoreAddress;
  appDir: string;
  heartbeatMs: number;
  pollMs: number;
  backoff: BackoffOptions;
}

const data = workerData as LaneWorkerData;
const port = parentPort!;
const post = (message: WorkerToHost) => port.postMessage(message);

const { store, close } = await openStore(data.address);
// One warm MCP client per server in this thread, shared by the runs it executes one after another.
const tools = laneTools(store, data.appDir);
const loop = startLaneLoop({
  ...data,
  store,
  tools: tools.runner,
  secrets: createSecretStore(data.appDir),
  publish: (events) => post({ type: 'events', events }),
  onBusy: (runId) => post({ type: 'busy', runId }),
});
port.on('message', (message: HostToWorker) => {
  if (message.type === 'wake') loop.wake();
  else if (message.type === 'cancel') loop.cancel(message.runId);
  else if (message.type === 'drain') loop.drain(message.graceMs);
});
post({ type: 'ready' });
await loop.done;
await tools.close();
await close();
post({ type: 'drained' });
port.close();
