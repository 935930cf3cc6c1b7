import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { _electron, type ElectronApplication, type Page } from 'playwright';
import { createCore } from '../../electron/core/index.ts';
import { artifactPath } from '../e2e/artifacts.ts';
import { serialSteps } from '../helpers/serial-steps.ts';
import { tempDir } from '../helpers/tmp.ts';
import { displayMissing, electronBinary } from './electron-binary.ts';

// The built desktop app (out/, `npm run build`) in the real Electron, driven by Playwright: first window, the
// Runboard, a command from the command bar to a succeeded card, the tray's recent commands, a clean quit, and a
// data folder another process can open afterwards. Runs where the Electron binary is installed (CI: `npm run
// test:electron`, under xvfb-run on Linux); elsewhere it skips and says why. With OPSROOM_REQUIRE_ELECTRON=1
// (set in CI) a missing binary or display fails instead: the job must not pass by skipping.
const root = resolve(import.meta.dirname, '../..');
const TIMEOUT = 30_000;

interface MenuItem { label?: string; submenu?: MenuItem[] }
const labels = (items: MenuItem[]): string[] => items.flatMap((item) => [item.label ?? '', ...labels(item.submenu ?? [])]);

function notRunnable(): string | null {
  const binary = electronBinary();
  if ('missing' in binary) return binary.missing;
  const display = displayMissing();
  if (display) return display;
  if (!existsSync(join(root, 'out/main/index.js'))) return 'out/main/index.js is missing: run npm run build first';
  return null;
}

test('the desktop app: window, Runboard, echo from the command bar, tray recent commands, clean quit', { timeout: 300_000 }, async (t) => {
  const reason = notRunnable();
  if (reason) {
    if (process.env.OPSROOM_REQUIRE_ELECTRON === '1') assert.fail(`OPSROOM_REQUIRE_ELECTRON=1 but the Electron smoke test cannot run: ${reason}`);
    console.log(`# electron smoke test skipped: ${reason}`);
    return t.skip(reason);
  }
  const binary = electronBinary() as { path: string };
  const data = tempDir('opsroom-electron-');
  const dataDir = join(data.path, 'data');
  let electronApp: ElectronApplication | undefined;
  let window: Page | undefined;
  const errors: string[] = [];
  t.after(async () => {
    await electronApp?.close().catch(() => undefined);
    data.remove();
  });

  const step = serialSteps(t, async (name) =>
    window?.screenshot({ path: artifactPath(`electron-failed-${name.slice(0, 24).replace(/\W+/g, '-')}.png`) }));

  await step('the app starts and shows its first window', async () => {
    electronApp = await _electron.launch({
      executablePath: binary.path,
      args: [root],
      cwd: root,
      env: { ...process.env, OPSROOM_DATA_DIR: dataDir, OPSROOM_E2E: '1' } as Record<string, string>,
      timeout: 60_000,
    });
    electronApp.process().stderr?.on('data', (chunk: Buffer) => process.stderr.write(`# electron: ${chunk.toString()}`));
    window = await electronApp.firstWindow({ timeout: 60_000 });
    window.setDefaultTimeout(TIMEOUT);
    window.on('pageerror', (error) => errors.push(error.message));
    window.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    assert.match(window.url(), /^app:\/\//, 'the renderer is served from app://');
  });

  await step('the Runboard shows its lanes', async () => {
    await window!.getByRole('region', { name: 'Lane A' }).waitFor();
  });

  let title = '';
  await step('`echo smoke-ok` from the command bar ends as a succeeded card', async () => {
    const page = window!;
    await page.keyboard.press(process.platform === 'darwin' ? 'Meta+k' : 'Control+k');
    const bar = page.getByRole('dialog', { name: 'Command bar' });
    await bar.getByRole('textbox', { name: 'Command' }).fill('echo smoke-ok');
    await bar.getByRole('button', { name: 'Run', exact: true }).click();
    await bar.waitFor({ state: 'hidden' });
    const card = page.getByRole('article', { name: /^Run #\d+: echo smoke-ok$/ });
    await card.getByText('succeeded').waitFor();
    title = (await card.getAttribute('aria-label')) ?? '';
    await page.screenshot({ path: artifactPath('electron-runboard.png') });
  });

  await step("the tray menu offers it under recent commands (the main process's test hook)", async () => {
    const deadline = Date.now() + TIMEOUT;
    let seen: string[] = [];
    while (Date.now() < deadline) {
      seen = labels(await electronApp!.evaluate(() => (globalThis as unknown as { __opsroomTest: { trayMenu(): MenuItem[] } }).__opsroomTest.trayMenu()));
      if (seen.some((label) => label.includes('echo smoke-ok'))) break;
      await new Promise((done) => setTimeout(done, 250));
    }
    assert.ok(seen.some((label) => label.includes('echo smoke-ok')), `tray labels: ${JSON.stringify(seen)}`);
  });

  await step('the app quits cleanly and leaves a data folder the core opens again', async () => {
    const exited = new Promise<number | null>((done) => electronApp!.process().once('exit', (code) => done(code)));
    await electronApp!.close();
    assert.equal(await exited, 0, 'exit code 0');
    electronApp = undefined;
    // The data-folder lock is released and the database is readable: the run is there, succeeded.
    const core = await createCore({ dataDir, runWorkers: false });
    try {
      const runs = await core.runs.list();
      const run = runs.find((r) => title.startsWith(`Run #${r.id}: `));
      assert.ok(run, `the run is in the database (${title})`);
      assert.equal(run.status, 'succeeded');
    } finally {
      await core.close();
    }
  });

  assert.deepEqual(errors, [], 'no errors in the page');
  console.log(`# screenshots: ${artifactPath('')}`);
});
