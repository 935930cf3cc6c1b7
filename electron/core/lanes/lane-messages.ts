import type { RunEvent } from '../../../shared/domain/run.ts';

/** The messages between the host and a lane worker thread, both ways. */
export type HostToWorker =
  | { type: 'wake' }
  | { type: 'cancel'; runId: number }
  | { type: 'drain'; graceMs: number };

export type WorkerToHost =
  | { type: 'ready' }
  | { type: 'events'; events: RunEvent[] }
  | { type: 'busy'; runId: number | null }
  | { type: 'drained' };
