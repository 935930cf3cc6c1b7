import type { TestContext } from 'node:test';
import type { Browser } from 'playwright';
import { serialSteps } from '../helpers/serial-steps.ts';
import { artifactPath } from './artifacts.ts';

/** How long one UI action may wait (the served app answers in milliseconds; CI machines are slow). */
export const TIMEOUT = 30_000;

/**
 * The served app in a fresh page for one journey: page errors and console errors collected (a journey ends by
 * asserting there were none), and steps that stop at the first failure and leave a screenshot named with
 * `screenshotPrefix`.
 */
export async function openAppPage(t: TestContext, browser: Browser, url: string, screenshotPrefix: string) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(TIMEOUT);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  await page.goto(url);
  const step = serialSteps(t, (name) => page.screenshot({ path: artifactPath(`${screenshotPrefix}${name.slice(0, 20).replace(/\W+/g, '-')}.png`) }));
  return { page, errors, step };
}
