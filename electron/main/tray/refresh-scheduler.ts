/**
 * When the tray reads the core again: a burst of asks within `delayMs` (a run's status events, a theme change)
 * is one read, reads never overlap, and an ask during a read is answered by one more read after it.
 */
export function createRefreshScheduler(refresh: () => Promise<void>, options: { delayMs: number; onError(error: unknown): void }) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> | undefined;
  let askedDuring = false;
  let stopped = false;

  const start = (): Promise<void> => {
    current = refresh().catch(options.onError).finally(() => {
      current = undefined;
      if (askedDuring && !stopped) {
        askedDuring = false;
        void start();
      }
    });
    return current;
  };
  const fire = () => {
    timer = undefined;
    if (current) askedDuring = true;
    else void start();
  };

  return {
    /** A read within delayMs; further asks until then change nothing. */
    soon(): void {
      if (!stopped && !timer) timer = setTimeout(fire, options.delayMs);
    },
    /** A read now, after the one under way: resolves once a read begun after this call has ended. */
    async now(): Promise<void> {
      clearTimeout(timer);
      timer = undefined;
      while (current) await current;
      if (!stopped) await start();
    },
    stop(): void {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
