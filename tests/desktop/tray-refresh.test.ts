import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRefreshScheduler } from '../../electron/main/tray/refresh-scheduler.ts';

/** A refresh that takes `ms` and records how many ran and whether two ever overlapped. */
function slowRefresh(ms: number, fail = false) {
  const record = { runs: 0, active: 0, overlapped: false };
  const refresh = async () => {
    record.runs++;
    record.active++;
    record.overlapped ||= record.active > 1;
    await sleep(ms);
    record.active--;
    if (fail) throw new Error('core closed');
  };
  return { record, refresh };
}

test('a burst of asks is one refresh after the delay', async () => {
  const { record, refresh } = slowRefresh(5);
  const scheduler = createRefreshScheduler(refresh, { delayMs: 30, onError: assert.fail });
  for (let i = 0; i < 50; i++) scheduler.soon();
  assert.equal(record.runs, 0, 'not before the delay');
  await sleep(80);
  assert.equal(record.runs, 1);
  scheduler.stop();
});

test('refreshes never overlap; an ask during one is answered by exactly one more', async () => {
  const { record, refresh } = slowRefresh(60);
  const scheduler = createRefreshScheduler(refresh, { delayMs: 10, onError: assert.fail });
  scheduler.soon();
  await sleep(25); // the first is under way
  scheduler.soon();
  await sleep(20);
  scheduler.soon(); // still during the first: coalesced with the previous ask
  await sleep(250);
  assert.deepEqual(record, { runs: 2, active: 0, overlapped: false });
  scheduler.stop();
});

test('now() waits for the refresh under way, then reads again; stop() drops what is pending', async () => {
  const { record, refresh } = slowRefresh(40);
  const scheduler = createRefreshScheduler(refresh, { delayMs: 10, onError: assert.fail });
  scheduler.soon();
  await sleep(20);
  await scheduler.now();
  assert.deepEqual(record, { runs: 2, active: 0, overlapped: false });
  scheduler.soon();
  scheduler.stop();
  await sleep(40);
  assert.equal(record.runs, 2);
  await scheduler.now();
  assert.equal(record.runs, 2, 'nothing after stop');
});

test('a failing refresh goes to onError and the next ask still refreshes', async () => {
  const { record, refresh } = slowRefresh(1, true);
  const errors: unknown[] = [];
  const scheduler = createRefreshScheduler(refresh, { delayMs: 5, onError: (e) => errors.push(e) });
  await scheduler.now();
  scheduler.soon();
  await sleep(40);
  assert.equal(record.runs, 2);
  assert.deepEqual(errors.map((e) => (e as Error).message), ['core closed', 'core closed']);
  scheduler.stop();
});
