import { createEventWriter } from '../../electron/core/executor/event-writer.ts';
import type { Store } from '../../electron/core/queue/store.ts';
import { outputEvent } from './seed.ts';
import { now } from './stats.ts';

export interface EventRates {
  /** Through the event writer (batches of up to 1,000, one unnest INSERT each), events/s. */
  batched: number;
  /** Mean batch size the writer formed. */
  meanBatch: number;
  /** One appendEvents call per event, awaited one after the other, events/s. */
  single: number;
}

/**
 * Event append rate through the Store's appendEvents. The batched figure is a flood: all events are pushed
 * into the writer at once, so after the first (single-event) write the writer forms full batches while the
 * previous one is stored — the pace of a step printing faster than the database can take lines one by one.
 */
export async function measureEvents(store: Store, runId: number, batchedCount: number, singleCount: number): Promise<EventRates> {
  // warm-up: the first statements of a connection pay for catalog lookups
  await store.appendEvents([outputEvent(runId, -1), outputEvent(runId, -2)]);

  let batches = 0;
  let stored = 0;
  const writer = createEventWriter((events) => store.appendEvents(events), (events) => {
    batches += 1;
    stored += events.length;
  });
  let t0 = now();
  for (let i = 0; i < batchedCount; i++) writer.push(outputEvent(runId, i));
  await writer.flush();
  const batched = batchedCount / ((now() - t0) / 1000);
  if (stored !== batchedCount) throw new Error(`the writer stored ${stored} of ${batchedCount} events`);

  t0 = now();
  for (let i = 0; i < singleCount; i++) await store.appendEvents([outputEvent(runId, i)]);
  const single = singleCount / ((now() - t0) / 1000);
  return { batched, meanBatch: stored / batches, single };
}
