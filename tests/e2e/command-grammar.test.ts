import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { useServedBrowser } from '../helpers/served-browser.ts';
import { tempDir } from '../helpers/tmp.ts';
import { openAppPage } from './app-page.ts';
import { artifactPath } from './artifacts.ts';

// The command bar speaks the plan compiler's grammar, in real Chromium against `opsroom serve` (fresh data folder,
// no chat endpoint configured): a runbook path is dry-run (both steps shown, nothing queued), then run; a
// request in words says how to enable the feature instead of guessing.
const { missing, served, browser } = useServedBrowser();

const RUNBOOK = `# Tiny runbook

Say the first word.

\`\`\`sh
echo runbook-one
\`\`\`

Then the second.

\`\`\`sh
echo runbook-two
\`\`\`
`;

test('runbook path → Dry run shows both steps → Run queues it; "? words" without an endpoint says how to enable it', async (t) => {
  if (missing) return t.skip(missing);
  const runbook = join(tempDir('opsroom-runbook-').path, 'tiny.md');
  writeFileSync(runbook, RUNBOOK);
  const { page, errors, step } = await openAppPage(t, browser(), served().url, 'grammar-failed-');
  const bar = page.getByRole('dialog', { name: 'Command bar' });
  const command = bar.getByRole('textbox', { name: 'Command' });

  await step('type the runbook path and press Dry run: both steps are shown, nothing is queued', async () => {
    await page.getByRole('main').waitFor();
    await page.keyboard.press('Control+k');
    await command.fill(runbook);
    await bar.getByRole('button', { name: 'Dry run' }).click();
    await bar.getByRole('heading', { name: 'Dry run' }).waitFor();
    assert.match((await bar.textContent())!, /Runbook tiny\.md → plan Tiny runbook, 2 steps/);
    const rows = bar.getByRole('table', { name: 'Steps' }).getByRole('row');
    assert.equal(await rows.count(), 3, 'a header and one row per block');
    assert.match((await rows.nth(1).textContent())!, /shell: echo runbook-one.*exit code 0/);
    const second = (await rows.nth(2).textContent())!;
    assert.match(second, /shell: echo runbook-two/);
    await page.screenshot({ path: artifactPath('dry-run-runbook.png') });
    assert.equal((await page.getByRole('article').all()).length, 0, 'the dry run queued nothing');
  });

  await step('Back returns to the box with the path; Dry run again, then Run queues the runbook', async () => {
    await bar.getByRole('button', { name: '← Back' }).click();
    assert.equal(await command.inputValue(), runbook);
    assert.equal(await page.evaluate('document.activeElement?.getAttribute("aria-label")'), 'Command', 'focus is back in the box');
    await bar.getByRole('button', { name: 'Dry run' }).click();
    await bar.getByRole('heading', { name: 'Dry run' }).waitFor();
    await bar.getByRole('button', { name: 'Run', exact: true }).click();
    await bar.waitFor({ state: 'hidden' });
    const toast = page.getByText(/^Run #\d+ queued on lane [A-D]$/);
    const runId = Number(/#(\d+)/.exec((await toast.textContent())!)![1]);
    const card = page.getByRole('article', { name: `Run #${runId}: Tiny runbook` });
    await card.getByText('succeeded').waitFor();
    assert.match((await card.textContent())!, /2\/2 steps/);
  });

  await step('"? check disk" with no endpoint configured: the message says how to enable it, and nothing runs', async () => {
    await page.keyboard.press('Control+k');
    await command.fill('? check disk');
    await page.keyboard.press('Enter');
    const alert = bar.getByRole('alert');
    await alert.waitFor();
    const message = (await alert.textContent())!;
    assert.match(message, /Natural-language plans need an OpenAI-compatible chat endpoint/);
    assert.match(message, /Set OPSROOM_LLM_URL .* and OPSROOM_LLM_MODEL/);
    assert.ok(message.includes(join(served().dataDir, 'settings.json')), message);
    await page.screenshot({ path: artifactPath('natural-language-not-configured.png') });
    assert.equal(await bar.getByRole('heading', { name: /^Draft/ }).count(), 0);
  });

  await step('"/http" lists the http-health skill; choosing it, Enter asks for urls; Dry run shows one step per URL', async () => {
    await command.fill('/http');
    const option = bar.getByRole('option', { name: /\/http-health — HTTP health check/ });
    await option.waitFor();
    assert.match((await option.textContent())!, /v1\.0\.0 · asks for parameters/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    assert.equal(await command.inputValue(), '/http-health ', 'choosing a skill fills the box and runs nothing');
    await page.keyboard.press('Enter');
    const urls = bar.getByRole('textbox', { name: /^urls/ });
    await urls.fill('http://127.0.0.1:9/a, http://127.0.0.1:9/b');
    assert.equal(await bar.getByRole('spinbutton', { name: /^status/ }).inputValue(), '200', 'defaults prefilled');
    await bar.getByRole('button', { name: 'Dry run' }).click();
    await bar.getByRole('heading', { name: 'Dry run' }).waitFor();
    const text = (await bar.textContent())!;
    assert.match(text, /Skill \/http-health 1\.0\.0 → plan http-health, 2 steps/);
    assert.match(text, /urls = "http:\/\/127\.0\.0\.1:9\/a, http:\/\/127\.0\.0\.1:9\/b"/);
    assert.match(text, /status = 200/);
    await page.screenshot({ path: artifactPath('dry-run-skill.png') });
    await page.keyboard.press('Escape');
    await command.waitFor();
    await page.keyboard.press('Escape');
    await bar.waitFor({ state: 'hidden' });
  });

  assert.deepEqual(errors, [], 'no errors in the page');
  await page.close();
});
