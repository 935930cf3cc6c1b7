import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright';
import { migrate } from '../../electron/core/db/migrate.ts';
import { openPglite } from '../../electron/core/db/pglite-sql.ts';
import { chromiumMissing, launchChromium } from '../helpers/chromium.ts';
import { seedHistory } from '../helpers/history-seed.ts';
import { startServe, type Served } from '../helpers/serve.ts';
import { tempDir } from '../helpers/tmp.ts';
import { openAppPage } from './app-page.ts';
import { artifactPath } from './artifacts.ts';

// The Runboard's log search ("in logs": the matching lines under each card) and the retention dialog ("Retention…"
// in the sessions sidebar: the policy, a dry run, a purge), in real Chromium against `opsroom serve` on a
// seeded year of history.
const missing = chromiumMissing();
let served: Served | undefined;
let browser: Browser | undefined;

before(async () => {
  if (missing) return;
  const dataDir = tempDir().path;
  const sql = await openPglite(join(dataDir, 'pgdata'));
  await migrate(sql);
  await seedHistory(sql, { runs: 600, events: 6_000, days: 365, sessions: 3 });
  await sql.close();
  [served, browser] = await Promise.all([startServe({ dataDir }), launchChromium()]);
});
after(async () => {
  await browser?.close();
  await served?.stop();
});

test('search the logs from the board; set retention, see what would go, purge', async (t) => {
  if (missing) return t.skip(missing);
  const { page, errors, step } = await openAppPage(t, browser!, served!.url, 'history-failed-');
  const cards = page.locator('[data-run-card]');

  await step('"in logs" turns the text filter into a log search: the cards carry their matching lines', async () => {
    await page.getByRole('heading', { name: 'Runboard' }).waitFor();
    await page.getByRole('searchbox', { name: 'Filter text' }).fill('connection refused');
    await page.getByRole('checkbox', { name: 'in logs' }).check();
    await page.waitForURL(/q=connection%20refused&in=logs/);
    const lines = page.getByRole('list', { name: 'Matching log lines' });
    await lines.first().waitFor();
    assert.equal(await lines.count(), await cards.count(), 'every card shown has its lines');
    for (const text of await lines.allTextContents()) assert.match(text, /psql: error: connection refused by/);
    assert.match((await cards.first().textContent())!, /failed/);
    await page.screenshot({ path: artifactPath('history-log-search.png') });
  });

  await step('unticked, the same text filters titles and errors again: no lines under the cards', async () => {
    await page.getByRole('checkbox', { name: 'in logs' }).uncheck();
    await page.getByRole('list', { name: 'Matching log lines' }).first().waitFor({ state: 'detached' });
    await cards.first().waitFor();
    for (const text of await cards.allTextContents()) assert.match(text, /connection refused/i, 'the error says it');
  });

  await step('the retention dialog saves the policy, tells what would go, and purges', async () => {
    await page.getByRole('button', { name: 'Retention…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Retention' });
    await dialog.getByRole('textbox', { name: 'Keep runs (days)' }).fill('30');
    await dialog.getByRole('textbox', { name: 'Keep proofs (days)' }).fill('10');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'proofs are kept at least as long as their runs' }).waitFor();
    await dialog.getByRole('textbox', { name: 'Keep proofs (days)' }).fill('90');
    await dialog.getByRole('textbox', { name: 'Keep runs of session session 1 (days)' }).fill('7');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByRole('alert').waitFor({ state: 'detached' });
    const settings = () => JSON.parse(readFileSync(join(served!.dataDir, 'settings.json'), 'utf8')) as { retention?: unknown };
    for (let i = 0; i < 100 && !settings().retention; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(settings().retention, { runsDays: 30, proofsDays: 90 });

    await dialog.getByRole('button', { name: 'What would go?' }).click();
    const summary = dialog.getByRole('status');
    await summary.filter({ hasText: 'Dry run' }).waitFor();
    const [, would] = /Would remove (\d+) runs/.exec((await summary.textContent())!) ?? [];
    assert.ok(Number(would) > 0, (await summary.textContent())!);
    await dialog.getByRole('button', { name: 'Purge now' }).click();
    await summary.filter({ hasText: 'Purged' }).waitFor();
    assert.match((await summary.textContent())!, new RegExp(`Removed ${would} runs`));
    await page.screenshot({ path: artifactPath('history-retention.png') });
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  assert.deepEqual(errors, [], 'no errors in the page');
  await page.close();
});
