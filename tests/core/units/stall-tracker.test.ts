import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { stallTracker } from '../../../electron/core/db/stall-tracker.ts';

function withClock() {
  let t = 1_000_000;
  const tracker = stallTracker(() => t);
  return { tracker, at: (ms: number) => { t = 1_000_000 + ms; } };
}

describe('stallTracker', () => {
  test('nothing recorded: 0', () => {
    assert.equal(withClock().tracker.recentMaxMs(60_000), 0);
  });

  test('waits under 50 ms are ordinary queueing and ignored', () => {
    const { tracker } = withClock();
    tracker.record(49);
    tracker.record(10);
    assert.equal(tracker.recentMaxMs(60_000), 0);
    tracker.record(50);
    assert.equal(tracker.recentMaxMs(60_000), 50);
  });

  test('reports the longest wait inside the window only', () => {
    const { tracker, at } = withClock();
    at(0);
    tracker.record(900);
    at(1000);
    tracker.record(300);
    at(1500);
    assert.equal(tracker.recentMaxMs(2000), 900, 'both samples in the window');
    assert.equal(tracker.recentMaxMs(1000), 300, 'the 900 ms one is 1500 ms old');
    assert.equal(tracker.recentMaxMs(1500), 900, 'a sample exactly at the window edge counts');
    at(2600);
    assert.equal(tracker.recentMaxMs(1000), 0, 'both have aged out');
  });

  test('keeps a bounded number of samples, dropping the oldest', () => {
    const { tracker, at } = withClock();
    at(0);
    tracker.record(5000);
    for (let i = 0; i < 255; i++) tracker.record(60);
    assert.equal(tracker.recentMaxMs(10_000), 5000, '256 samples: the oldest is still kept');
    tracker.record(60);
    assert.equal(tracker.recentMaxMs(10_000), 60, 'the 257th sample pushed out the oldest');
  });
});
