import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_BACKOFF, retryDelayMs } from '../../../electron/core/queue/backoff.ts';

const opts = { baseMs: 1000, maxMs: 60_000 };
const fixed = (value: number) => () => value;

describe('retryDelayMs', () => {
  test('doubles with each attempt (fixed random)', () => {
    const delays = [1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, opts, fixed(0.5)));
    assert.deepEqual(delays, [750, 1500, 3000, 6000, 12000]);
  });

  test('lies between half the ceiling (random 0) and the ceiling (random 1)', () => {
    for (const attempt of [1, 2, 3, 6]) {
      const ceiling = Math.min(opts.maxMs, opts.baseMs * 2 ** (attempt - 1));
      assert.equal(retryDelayMs(attempt, opts, fixed(0)), ceiling / 2, `attempt ${attempt}, random 0`);
      assert.equal(retryDelayMs(attempt, opts, fixed(1)), ceiling, `attempt ${attempt}, random 1`);
    }
  });

  test('is capped at maxMs, even for huge attempt numbers', () => {
    assert.equal(retryDelayMs(7, opts, fixed(1)), 60_000); // 64 s ceiling capped to 60 s
    assert.equal(retryDelayMs(50, opts, fixed(1)), 60_000);
    assert.equal(retryDelayMs(5000, opts, fixed(1)), 60_000);
    assert.equal(retryDelayMs(5000, opts, fixed(0)), 30_000);
  });

  test('attempt 0 or below is treated as the first attempt', () => {
    assert.equal(retryDelayMs(0, opts, fixed(1)), 1000);
    assert.equal(retryDelayMs(-3, opts, fixed(1)), 1000);
  });

  test('real jitter stays in [ceiling/2, ceiling] and actually spreads', () => {
    const ceiling = 8000; // attempt 4
    const samples = Array.from({ length: 500 }, () => retryDelayMs(4, opts));
    for (const delay of samples) {
      assert.ok(delay >= ceiling / 2 && delay <= ceiling, `${delay} out of [${ceiling / 2}, ${ceiling}]`);
      assert.ok(Number.isInteger(delay));
    }
    assert.ok(new Set(samples).size > 50, 'jitter should spread retries, not bunch them');
    assert.ok(Math.min(...samples) < 4500 && Math.max(...samples) > 7500, 'jitter should cover the range');
  });

  test('default options: 1 s base, 5 min cap', () => {
    assert.equal(retryDelayMs(1, DEFAULT_BACKOFF, fixed(1)), 1000);
    assert.equal(retryDelayMs(100, DEFAULT_BACKOFF, fixed(1)), 300_000);
  });
});
