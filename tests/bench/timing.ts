import { median, now, percentile } from './stats.ts';

/** Per-operation times in ms: median, p95 and the count they came from. */
export interface Timing {
  n: number;
  p50: number;
  p95: number;
}

/**
 * Runs each op `warmup` times untimed, then `n` rounds of each op once in turn, timing each call. Taking turns
 * puts drift (other load on the machine, JIT, a warmer cache) on every op alike, not on whichever ran last.
 */
export async function timeInterleaved(n: number, warmup: number, ops: (() => Promise<unknown>)[]): Promise<Timing[]> {
  const samples: number[][] = ops.map(() => []);
  for (let round = -warmup; round < n; round++) {
    for (const [i, op] of ops.entries()) {
      const started = now();
      await op();
      if (round >= 0) samples[i]!.push(now() - started);
    }
  }
  return samples.map((s) => ({ n, p50: median(s), p95: percentile(s, 95) }));
}

export const timeEach = async (n: number, warmup: number, op: () => Promise<unknown>): Promise<Timing> =>
  (await timeInterleaved(n, warmup, [op]))[0]!;
