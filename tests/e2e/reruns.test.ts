import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright';
import { useServedBrowser } from '../helpers/served-browser.ts';
import { tempDir } from '../helpers/tmp.ts';
import { runsOf, threeSteps } from '../core/reruns/plans.ts';
import { openAppPage } from './app-page.ts';
import { artifactPath } from './artifacts.ts';

// A failed run resumed and a succeeded one re-proved from the Run view, in real Chromium against `opsroom
// serve` (fresh data folder). The plan's steps count their runs in files, so the test sees what really ran.
const { missing, served, browser } = useServedBrowser();

const runIdIn = (page: Page) => Number(/#\/runs\/(\d+)/.exec(page.url())?.[1] ?? NaN);
/** The run's own status, in the header (the history strip has badges of other runs). */
const headerStatus = (page: Page) => page.locator('.rv-title-row .status-badge');

test('a failed run → Resume from failed step (only the failed step runs) → Re-prove shows the drift', async (t) => {
  if (missing) return t.skip(missing);
  const dir = tempDir('opsroom-rerun-e2e-').path;
  const planFile = join(dir, 'three.opsplan.json');
  writeFileSync(planFile, JSON.stringify(threeSteps(dir)));
  const { page, errors, step } = await openAppPage(t, browser(), served().url, 'reruns-failed-');

  let failedRun = 0;
  await step('run the plan file from the command bar; its run fails at check', async () => {
    await page.getByRole('main').waitFor();
    await page.keyboard.press('Control+k');
    const bar = page.getByRole('dialog', { name: 'Command bar' });
    await bar.getByRole('textbox', { name: 'Command' }).fill(planFile);
    await bar.getByRole('button', { name: 'Run', exact: true }).click();
    await bar.waitFor({ state: 'hidden' });
    const toast = page.getByText(/^Run #\d+ queued on lane [A-D]$/);
    failedRun = Number(/#(\d+)/.exec((await toast.textContent())!)![1]);
    await page.getByRole('article', { name: `Run #${failedRun}: make, build, check` }).click();
    await page.waitForURL(new RegExp(`#/runs/${failedRun}$`));
    await headerStatus(page).getByText('failed').waitFor();
    assert.deepEqual(['make', 'build', 'check'].map((id) => runsOf(dir, id)), [1, 1, 1]);
  });

  let resumed = 0;
  await step('fix the cause, Resume from failed step: the new run reuses make and build and runs only check', async () => {
    writeFileSync(join(dir, 'fixed.txt'), 'fixed\n');
    await page.getByRole('button', { name: 'Resume from failed step' }).click();
    await page.waitForURL((url) => /#\/runs\/\d+$/.test(url.hash) && !url.hash.endsWith(`/${failedRun}`));
    resumed = runIdIn(page);
    await headerStatus(page).getByText('succeeded').waitFor();
    assert.deepEqual(['make', 'build', 'check'].map((id) => runsOf(dir, id)), [1, 1, 2], 'make and build did not run again');
    const history = page.getByRole('region', { name: 'History of this run' });
    assert.match((await history.textContent())!, new RegExp(`resume of #${failedRun}`));
    const steps = page.getByRole('region', { name: 'Steps' });
    assert.equal(await steps.getByText(`reused from #${failedRun}`).count(), 2, 'make and build say where their outcome came from');
    await page.screenshot({ path: artifactPath('rerun-resumed.png') });
  });

  await step('the original run lists its resume, and is itself unchanged', async () => {
    await page.getByRole('region', { name: 'History of this run' }).getByText(/^resume of/).getByRole('link', { name: `#${failedRun}` }).click();
    await page.waitForURL(new RegExp(`#/runs/${failedRun}$`));
    const reruns = page.getByRole('list', { name: 'Reruns of this run' });
    // A cached history shows first, then the fresh one: wait for the resume's final status.
    await reruns.getByRole('listitem').filter({ hasText: new RegExp(`#${resumed} resume.*succeeded`) }).waitFor();
    await headerStatus(page).getByText('failed').waitFor();
  });

  await step('make\'s file is deleted; Re-prove of the resumed run fails and shows the drift, old proof vs new', async () => {
    rmSync(join(dir, 'made.txt'));
    await page.getByRole('list', { name: 'Reruns of this run' }).getByRole('link', { name: `#${resumed}` }).click();
    await page.waitForURL(new RegExp(`#/runs/${resumed}$`));
    await page.getByRole('button', { name: 'Re-prove' }).click();
    await page.waitForURL((url) => /#\/runs\/\d+$/.test(url.hash) && !url.hash.endsWith(`/${resumed}`));
    await headerStatus(page).getByText('failed').waitFor();
    const table = page.getByRole('table', { name: 'Re-checks against the recorded proofs' });
    const driftRow = table.getByRole('row').filter({ hasText: /✗ not proved/ });
    await driftRow.first().waitFor();
    assert.match((await driftRow.first().textContent())!, /^make\s*file✓ proved in #\d+: .*made\.txt contains "made".*✗ not proved: /);
    assert.match((await page.getByRole('heading', { name: /^Re-checks:/ }).textContent())!, /1 no longer holds/);
    assert.deepEqual(['make', 'build', 'check'].map((id) => runsOf(dir, id)), [1, 1, 2], 'a re-prove runs no action');
    await page.screenshot({ path: artifactPath('rerun-reprove-drift.png') });
  });

  await step('the re-proved run shows its re-prove with the drift', async () => {
    await page.getByRole('region', { name: 'History of this run' }).getByText(/^re-prove of/).getByRole('link', { name: `#${resumed}` }).click();
    await page.waitForURL(new RegExp(`#/runs/${resumed}$`));
    const drift = page.getByRole('list', { name: 'Drift found by its reruns' });
    await drift.waitFor();
    assert.match((await drift.textContent())!, /make no longer holds \(file, #\d+\)/);
  });

  assert.deepEqual(errors, [], 'no errors in the page');
  await page.close();
});
