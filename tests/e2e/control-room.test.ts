import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright';
import { useServedBrowser } from '../helpers/served-browser.ts';
import { openAppPage } from './app-page.ts';
import { artifactPath } from './artifacts.ts';

// What a person does on a first day, in real Chromium against `opsroom serve` on a fresh data folder: one
// test, in order, since each step builds on the one before (as the person's session does).
const { missing, served, browser } = useServedBrowser();

/** The view's state: the query of the URL's hash (`#/?session=1&status=failed`). */
const hashParams = (page: Page) => new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '');

test('session → echo hello from the command bar → succeeded card → log and exit-code proof → filters → archive', async (t) => {
  if (missing) return t.skip(missing);
  const { page, errors, step } = await openAppPage(t, browser(), served().url, 'failed-');

  await step('create a session and select it', async () => {
    const sessions = page.getByRole('navigation', { name: 'Sessions' });
    await sessions.getByRole('button', { name: 'New session' }).click();
    await sessions.getByRole('textbox', { name: 'Session title' }).fill('Night shift');
    await page.keyboard.press('Enter');
    await sessions.getByRole('link', { name: /^Night shift/ }).click();
    assert.match(hashParams(page).get('session') ?? '', /^\d+$/);
  });

  let runId = 0;
  await step('run `echo hello` from the command bar (Ctrl+K) in that session', async () => {
    await page.keyboard.press('Control+k');
    const bar = page.getByRole('dialog', { name: 'Command bar' });
    await bar.getByRole('textbox', { name: 'Command' }).fill('echo hello');
    // the session picked in the sidebar is the command bar's default
    assert.equal(await bar.getByRole('combobox', { name: /^Session/ }).inputValue(), hashParams(page).get('session'));
    await bar.getByRole('button', { name: 'Run', exact: true }).click();
    await bar.waitFor({ state: 'hidden' });
    const toast = page.getByText(/^Run #\d+ queued on lane [A-D]$/);
    runId = Number(/#(\d+)/.exec((await toast.textContent())!)![1]);
  });

  await step('the card moves to succeeded on the Runboard', async () => {
    const card = page.getByRole('article', { name: `Run #${runId}: echo hello` });
    await card.getByText('succeeded').waitFor();
    assert.match((await card.textContent())!, /1\/1 steps?/);
    await page.screenshot({ path: artifactPath('runboard.png') });
    await card.click();
  });

  await step('the run view shows the log line and a passing exit-code proof', async () => {
    await page.waitForURL(new RegExp(`#/runs/${runId}`));
    const log = page.getByRole('log', { name: 'Log' });
    await log.getByText('hello', { exact: true }).waitFor();
    assert.equal(await page.getByTestId('log-line-count').textContent(), '1 lines');
    await page.screenshot({ path: artifactPath('run-view-log.png') });
    await page.getByRole('tab', { name: 'Proofs' }).click();
    const proofs = page.getByRole('tabpanel');
    await proofs.getByText('exit_code').first().waitFor();
    const text = (await proofs.textContent())!;
    assert.match(text, /passed/);
    assert.doesNotMatch(text, /not proven/);
    assert.match(text, /[0-9a-f]{64}/, 'the evidence sha256 is shown');
    await page.screenshot({ path: artifactPath('run-view-proofs.png') });
  });

  await step('filter the board: the URL holds the filter and restores it', async () => {
    await page.getByRole('link', { name: 'Runboard' }).click();
    const card = page.getByRole('article', { name: `Run #${runId}: echo hello` });
    await card.waitFor();
    const filters = page.getByRole('group', { name: 'Filters' });
    await filters.getByRole('group', { name: 'Status' }).getByRole('checkbox', { name: 'failed' }).check();
    await card.waitFor({ state: 'detached' });
    assert.equal(hashParams(page).get('status'), 'failed');
    await page.reload(); // a shared link restores the same view
    await page.getByRole('region', { name: 'Lane A' }).waitFor();
    assert.equal(await page.getByRole('group', { name: 'Status' }).getByRole('checkbox', { name: 'failed' }).isChecked(), true);
    assert.equal(await card.count(), 0);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await card.waitFor();
    await filters.getByLabel('Filter text').fill('hello');
    await page.waitForURL(/q=hello/);
    await card.waitFor();
    await filters.getByLabel('Filter text').fill('no such run');
    await card.waitFor({ state: 'detached' });
    await page.getByText('No runs match these filters.').waitFor();
  });

  await step('archive the session; it comes back under "Show archived"', async () => {
    const sessions = page.getByRole('navigation', { name: 'Sessions' });
    await sessions.getByRole('button', { name: 'Archive session Night shift' }).click();
    await sessions.getByRole('link', { name: /^Night shift/ }).waitFor({ state: 'detached' });
    await sessions.getByRole('checkbox', { name: 'Show archived' }).check();
    await sessions.getByRole('button', { name: 'Restore session Night shift' }).waitFor();
  });

  assert.deepEqual(errors, [], 'no errors in the page');
  console.log(`# screenshots: ${artifactPath('')}`);
  await page.close();
});
