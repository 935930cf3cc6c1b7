/** Remembers how long calls waited before the database thread could serve them, over a sliding window. */
export function stallTracker(now = Date.now) {
  const samples: { at: number; ms: number }[] = [];
  return {
    record(ms: number): void {
      if (ms < 50) return; // ordinary queueing, not a stall
      samples.push({ at: now(), ms });
      if (samples.length > 256) samples.shift();
    },
    /** The longest wait seen in the last `windowMs`. */
    recentMaxMs(windowMs: number): number {
      const since = now() - windowMs;
      return samples.reduce((max, s) => (s.at >= since && s.ms > max ? s.ms : max), 0);
    },
  };
}
