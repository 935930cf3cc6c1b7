import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Locator } from 'playwright';
import { reviewPlan } from '../core/approvals/approval-kit.ts';
import { useServedBrowser } from '../helpers/served-browser.ts';
import { tempDir } from '../helpers/tmp.ts';
import { openAppPage } from './app-page.ts';
import { artifactPath } from './artifacts.ts';

// An approval gate decided in the run view, in real Chromium against `opsroom serve` (fresh data folder): the
// run waits, the top bar says so, the card shows prompt, evidence and diff, Approve (with a comment) lets the
// run go on, and the proof records the decision for the digest this window displayed.
const { missing, served, browser } = useServedBrowser();

/** The text colour the browser computed (the tests' TypeScript has no DOM types: reached through globalThis). */
const colour = (element: Locator) => element.evaluate((el) =>
  (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(el).color);

test('a run waits for approval → the run view shows what is asked → Approve with a comment → the run succeeds, proven', async (t) => {
  if (missing) return t.skip(missing);
  const file = join(tempDir('opsroom-approval-').path, 'reviewed.json');
  writeFileSync(file, JSON.stringify(reviewPlan('reviewed change')));
  const { page, errors, step } = await openAppPage(t, browser(), served().url, 'approval-failed-');

  let runId = 0;
  await step('queue the plan from the command bar', async () => {
    await page.getByRole('main').waitFor();
    await page.keyboard.press('Control+k');
    const bar = page.getByRole('dialog', { name: 'Command bar' });
    await bar.getByRole('textbox', { name: 'Command' }).fill(file);
    await bar.getByRole('button', { name: 'Dry run' }).click();
    await bar.getByRole('heading', { name: 'Dry run' }).waitFor();
    await bar.getByRole('button', { name: 'Run', exact: true }).click();
    await bar.waitFor({ state: 'hidden' });
    const toast = page.getByText(/^Run #\d+ queued on lane [A-D]$/);
    runId = Number(/#(\d+)/.exec((await toast.textContent())!)![1]);
  });

  await step('the top bar says an approval waits, and opens the run', async () => {
    const waiting = page.getByRole('link', { name: '1 approval waiting' });
    await waiting.click();
    await page.waitForURL(new RegExp(`#/runs/${runId}$`));
  });

  await step('the card shows the prompt, the evidence of the step before, and the diff in colour', async () => {
    const card = page.getByRole('region', { name: 'Approval at step review' });
    await card.getByText('Apply this change to production?').waitFor();
    const evidence = card.getByRole('list', { name: 'Evidence' });
    assert.match((await evidence.textContent())!, /plan succeeded.*✓ proved exit_code: exit code 0 sha256:[0-9a-f]{12}/);
    const diff = card.getByLabel('Diff');
    assert.equal(await diff.textContent(), '--- a/app.conf\n+++ b/app.conf\n-replicas: 2\n+replicas: 3\n');
    assert.equal(await diff.locator('.diff-add').textContent(), '+replicas: 3\n');
    assert.equal(await diff.locator('.diff-remove').textContent(), '-replicas: 2\n');
    assert.notEqual(await colour(diff.locator('.diff-add')), await colour(diff.locator('.diff-remove')), 'additions and removals look different');
    await card.getByTestId('shown-digest').getByText(/^sha256:[0-9a-f]{64}$/).waitFor();
    await page.screenshot({ path: artifactPath('approval-card.png') });
  });

  let digest = '';
  await step('Approve with a comment: the card goes, the run succeeds', async () => {
    const card = page.getByRole('region', { name: 'Approval at step review' });
    digest = (await card.getByTestId('shown-digest').textContent())!.replace('sha256:', '');
    await card.getByRole('textbox', { name: 'Comment' }).fill('replicas checked');
    await card.getByRole('button', { name: 'Approve' }).click();
    await page.getByText(/^Approval at step review: approved by .+: replicas checked$/).waitFor();
    await page.locator('.rv-header').getByText('succeeded').first().waitFor();
    assert.equal(await page.getByRole('link', { name: /approvals? waiting/ }).count(), 0, 'nothing waits any more');
  });

  await step('the proof records the decision, the comment and the digest the window showed', async () => {
    await page.getByRole('tab', { name: 'Proofs' }).click();
    const proofs = page.getByRole('tabpanel');
    await proofs.getByText(/^approved by .+: "replicas checked" \(shown sha256:[0-9a-f]{12}\)$/).waitFor();
    assert.ok((await proofs.textContent())!.includes(`"approvedSha256": "${digest}"`), 'the evidence names the digest approved');
    assert.deepEqual(errors, []);
  });
});
