import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { _electron, type ElectronApplication } from 'playwright';
import type { DesktopNotification } from '../../electron/core/index.ts';
import { tempDir } from '../helpers/tmp.ts';
import { displayMissing, electronBinary } from './electron-binary.ts';

// The built desktop app hands the core's desktop notifications to Electron: a command that fails, typed in the
// command bar, is announced once ("Run #N failed"). The notifications the main process was asked to show are
// read through its test hook (a display server may have no notification daemon). Runs where Electron runs (CI:
// `npm run test:electron`); elsewhere it skips and says why, or fails with OPSROOM_REQUIRE_ELECTRON=1.
const root = resolve(import.meta.dirname, '../..');

function notRunnable(): string | null {
  const binary = electronBinary();
  if ('missing' in binary) return binary.missing;
  return displayMissing() ?? (existsSync(join(root, 'out/main/index.js')) ? null : 'out/main/index.js is missing: run npm run build first');
}

test('the desktop app shows a notification when a run fails', { timeout: 300_000 }, async (t) => {
  const reason = notRunnable();
  if (reason) {
    if (process.env.OPSROOM_REQUIRE_ELECTRON === '1') assert.fail(`OPSROOM_REQUIRE_ELECTRON=1 but the Electron notification test cannot run: ${reason}`);
    console.log(`# electron notification test skipped: ${reason}`);
    return t.skip(reason);
  }
  const data = tempDir('opsroom-electron-notify-');
  let electronApp: ElectronApplication | undefined;
  t.after(async () => {
    await electronApp?.close().catch(() => undefined);
    data.remove();
  });
  electronApp = await _electron.launch({
    executablePath: (electronBinary() as { path: string }).path, args: [root], cwd: root, timeout: 60_000,
    env: { ...process.env, OPSROOM_DATA_DIR: join(data.path, 'data'), OPSROOM_E2E: '1' } as Record<string, string>,
  });
  const page = await electronApp.firstWindow({ timeout: 60_000 });
  page.setDefaultTimeout(30_000);
  await page.getByRole('region', { name: 'Lane A' }).waitFor();
  await page.keyboard.press(process.platform === 'darwin' ? 'Meta+k' : 'Control+k');
  const bar = page.getByRole('dialog', { name: 'Command bar' });
  await bar.getByRole('textbox', { name: 'Command' }).fill('exit 7');
  await bar.getByRole('button', { name: 'Run', exact: true }).click();
  const card = page.getByRole('article', { name: /^Run #\d+: exit 7$/ });
  await card.getByText('failed').waitFor();
  const runId = Number(/^Run #(\d+)/.exec((await card.getAttribute('aria-label')) ?? '')![1]);

  const asked = async () => electronApp!.evaluate(() =>
    (globalThis as unknown as { __opsroomTest: { notifications(): DesktopNotification[] } }).__opsroomTest.notifications());
  const deadline = Date.now() + 30_000;
  let seen: DesktopNotification[] = [];
  while (Date.now() < deadline && !seen.some((n) => n.runId === runId)) {
    seen = await asked();
    await new Promise((done) => setTimeout(done, 250));
  }
  assert.deepEqual(seen.filter((n) => n.runId === runId).map((n) => [n.kind, n.title]), [['failure', `Run #${runId} failed`]]);
});
