import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright';

export const CHROMIUM_PATH = process.env.OPSROOM_CHROMIUM ?? '/usr/bin/chromium';

/** Why the real-browser tests cannot run here (the caller passes it to t.skip), or null when they can. */
export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM_PATH) ? null : `no Chromium at ${CHROMIUM_PATH} (install chromium, or set OPSROOM_CHROMIUM)`;
}

/** The system Chromium, headless, without the sandbox a container cannot give it and without background traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
