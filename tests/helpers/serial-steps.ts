import type { TestContext } from 'node:test';

/**
 * Subtests that each need the one before (a user's journey through the UI): after a failure the rest would
 * only time out, so they are skipped, and `onFailure` (a screenshot) runs once with the failed step's name.
 */
export function serialSteps(t: TestContext, onFailure: (name: string) => Promise<unknown>) {
  let broken = false;
  return (name: string, fn: () => Promise<void>) => t.test(name, async (s) => {
    if (broken) return s.skip('an earlier step failed');
    try {
      await fn();
    } catch (error) {
      broken = true;
      await onFailure(name).catch(() => undefined);
      throw error;
    }
  });
}
