import { hostname } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RunEvent } from '../../../shared/domain/run.ts';
import type { BackoffOptions } from '../queue/backoff.ts';
import type { LaneWorkerData } from './lane-worker.ts';
import type { HostToWorker, WorkerToHost } from './lane-messages.ts';
import type { StoreAddress } from '../db/store-address.ts';

export const DEFAULT_LANE_WORKER_URL = new URL('./lane-worker.ts', import.meta.url);

export interface LanePoolOptions {
  lanes: string[];
  workersPerLane: number;
  workerUrl: URL;
  /** A fresh address per worker start (a new port to the db-worker, or the PostgreSQL URL). */
  address(): StoreAddress;
  /** The app's data folder: secrets and MCP servers' homes, which each worker's client pool needs. */
  appDir: string;
  heartbeatMs: number;
  pollMs: number;
  backoff: BackoffOptions;
  publish(events: RunEvent[]): void;
  /** A worker died without draining: take its runs back now rather than after the heartbeat timeout. */
  onCrash(workerId: string, error: string): Promise<void>;
}

export interface WorkerInfo {
  id: string;
  lane: string;
  runId: number | null;
  restarts: number;
}

export interface LanePool {
  wake(lane?: string): void;
  cancel(runId: number): void;
  drain(graceMs: number): Promise<void>;
  /** Stops every worker now, running steps too, and starts none until startAll(): each worker's port went
   * with a database thread that stopped. Their runs stay 'running' for the caller to reclaim. */
  stopAll(): Promise<void>;
  /** A fresh worker in every slot (new ports: address() is asked again), after stopAll(). */
  startAll(): void;
  workers(): WorkerInfo[];
}

interface Slot {
  lane: string;
  index: number;
  info: WorkerInfo;
  worker: Worker | null;
  exited: Promise<void>;
  /** Starts so far: part of the worker id, so a run's claim names the worker that really ran it. */
  generation: number;
}

/** One worker_threads worker per lane slot; a worker that crashes is replaced, its run reclaimed at once. */
export function startLanePool(options: LanePoolOptions): LanePool {
  let draining = false;
  let stopped = false;
  const slots: Slot[] = [];

  const start = (slot: Slot): void => {
    if (draining || stopped || slot.worker) return;
    slot.info.id = `${slot.lane}${slot.index}@${hostname()}:${process.pid}.${slot.generation++}`;
    const address = options.address();
    const data: LaneWorkerData = {
      lane: slot.lane, workerId: slot.info.id, address, appDir: options.appDir,
      heartbeatMs: options.heartbeatMs, pollMs: options.pollMs, backoff: options.backoff,
    };
    const worker = new Worker(options.workerUrl, {
      workerData: data,
      transferList: address.kind === 'port' ? [address.port] : [],
    });
    slot.worker = worker;
    let lastError = 'it exited unexpectedly';
    let drained = false;
    worker.on('message', (message: WorkerToHost) => {
      if (message.type === 'events') options.publish(message.events);
      else if (message.type === 'busy') slot.info.runId = message.runId;
      else if (message.type === 'drained') drained = true;
    });
    worker.on('error', (error) => {
      lastError = error.message;
    });
    slot.exited = new Promise((resolve) => worker.once('exit', async (code) => {
      slot.worker = null;
      slot.info.runId = null;
      // Stopped for a database restart, its run is requeued by the recovery, and the store is waiting for the new
      // thread: a reclaim from here would wait with it, and the recovery would wait for this exit.
      if (!drained && !stopped) {
        const id = slot.info.id;
        await options.onCrash(id, `${lastError} (exit code ${code})`).catch(() => undefined);
        if (!draining && !stopped) {
          slot.info.restarts++;
          // Back off when a worker keeps dying, instead of spinning.
          setTimeout(() => start(slot), Math.min(10_000, 250 * 2 ** Math.min(slot.info.restarts, 6))).unref();
        }
      }
      resolve();
    }));
  };

  for (const lane of options.lanes) {
    for (let index = 1; index <= options.workersPerLane; index++) {
      const slot: Slot = { lane, index, info: { id: '', lane, runId: null, restarts: 0 }, worker: null, exited: Promise.resolve(), generation: 0 };
      slots.push(slot);
      start(slot);
    }
  }

  const send = (slot: Slot, message: HostToWorker) => slot.worker?.postMessage(message);
  const stopWorkers = async (graceMs: number) => {
    for (const slot of slots) send(slot, { type: 'drain', graceMs });
    // The loop requeues a run it had to stop, and its kill of the step's process group takes up to
    // KILL_GRACE_MS: give it that long past the grace to say so, then force.
    const forced = setTimeout(() => slots.forEach((s) => s.worker?.terminate()), graceMs + 5000);
    await Promise.all(slots.map((s) => s.exited));
    clearTimeout(forced);
  };
  return {
    wake: (lane) => slots.filter((s) => !lane || s.lane === lane).forEach((s) => send(s, { type: 'wake' })),
    cancel: (runId) => slots.filter((s) => s.info.runId === runId).forEach((s) => send(s, { type: 'cancel', runId })),
    async drain(graceMs) {
      // Callable again with a shorter grace: each call re-sends the drain and arms its own deadline.
      draining = true;
      await stopWorkers(graceMs);
    },
    async stopAll() {
      stopped = true;
      await stopWorkers(0);
    },
    startAll() {
      stopped = false;
      slots.forEach(start);
    },
    workers: () => slots.map((s) => ({ ...s.info })),
  };
}
