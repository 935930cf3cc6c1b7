import { after, before } from 'node:test';
import type { Browser } from 'playwright';
import { chromiumMissing, launchChromium } from './chromium.ts';
import { startServe, type Served } from './serve.ts';

/**
 * One `opsroom serve` (fresh data folder) and one Chromium for a whole test file. `missing` says why the
 * real-browser tests cannot run here: each test passes it to t.skip, so they never pass silently.
 */
export function useServedBrowser(): { missing: string | null; served(): Served; browser(): Browser } {
  const missing = chromiumMissing();
  let served: Served | undefined;
  let browser: Browser | undefined;
  before(async () => {
    if (missing) return;
    [served, browser] = await Promise.all([startServe(), launchChromium()]);
  });
  after(async () => {
    await browser?.close();
    await served?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('opsroom serve and Chromium start in before()');
    return value;
  };
  return { missing, served: () => started(served), browser: () => started(browser) };
}
