import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useServedBrowser } from '../helpers/served-browser.ts';
import { openAppPage } from './app-page.ts';
import { artifactPath } from './artifacts.ts';

// The Schedules page in real Chromium against `opsroom serve`: the add form previews the next fire times of the
// expression as it is typed (or says why it is refused), the saved schedule lists them in its zone and in local
// time, and pause, pause all and remove work from the page.
const { missing, served, browser } = useServedBrowser();

test('add a schedule in the page and see its next fire times; pause it, pause all, remove it', async (t) => {
  if (missing) return t.skip(missing);
  const { page, errors, step } = await openAppPage(t, browser(), served().url, 'schedules-failed-');
  const form = page.getByRole('form', { name: 'Add schedule' });
  const card = page.getByRole('listitem', { name: 'Schedule morning-check' });

  await step('the Schedules link opens the page, empty', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schedules' }).click();
    await page.getByRole('heading', { name: 'Schedules', level: 1 }).waitFor();
    await page.getByText('No schedules yet').waitFor();
  });

  await step('the cron field previews: a refused expression says why, a good one lists five fire times in its zone', async () => {
    await page.getByRole('button', { name: 'Add schedule' }).click();
    await form.getByRole('textbox', { name: 'Name' }).fill('morning-check');
    await form.getByRole('combobox', { name: 'Time zone' }).fill('America/New_York');
    const cron = form.getByRole('textbox', { name: 'Cron expression' });
    await cron.fill('61 * * * *');
    await form.getByText('invalid cron expression "61 * * * *": Invalid value for minute: 61').waitFor();
    await cron.fill('0 9 * * 1-5');
    const preview = form.getByRole('list', { name: 'Next fire times' }).getByRole('listitem');
    await preview.first().waitFor();
    assert.equal(await preview.count(), 5);
    for (const item of await preview.allTextContents()) assert.match(item, /^\d{4}-\d\d-\d\d 09:00 UTC-[45]( · local .*)?$/);
    await page.screenshot({ path: artifactPath('schedules-add-preview.png') });
  });

  await step('saving a command schedule lists it with its next fire times, weekdays at 09:00 New York time', async () => {
    await form.getByRole('combobox', { name: 'Runs' }).selectOption('command');
    await form.getByRole('textbox', { name: 'Command' }).fill('echo good morning');
    await form.getByRole('combobox', { name: 'If the previous run has not ended' }).selectOption('queue');
    await form.getByRole('button', { name: 'Save schedule' }).click();
    await form.waitFor({ state: 'hidden' });
    await card.waitFor();
    const text = (await card.textContent())!;
    assert.match(text, /0 9 \* \* 1-5 in America\/New_York → \$ echo good morning/);
    assert.match(text, /Overlap queue · catch-up once · lane auto/);
    assert.match(text, /not fired yet/);
    const times = await card.getByRole('list', { name: 'Next fire times of morning-check' }).getByRole('listitem').allTextContents();
    assert.equal(times.length, 5);
    for (const item of times) {
      const [, date] = /^(\d{4}-\d\d-\d\d) 09:00 UTC-[45]/.exec(item) ?? [];
      assert.ok(date, item);
      const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
      assert.ok(weekday >= 1 && weekday <= 5, `${item} is a weekday`);
    }
    assert.deepEqual([...times].sort(), times, 'in order');
    await page.screenshot({ path: artifactPath('schedules-list.png') });
  });

  await step('pause it, pause all, resume all; remove it', async () => {
    await card.getByRole('button', { name: 'Pause morning-check' }).click();
    await card.getByText('❚❚ paused').waitFor();
    await page.getByRole('button', { name: 'Pause all' }).click();
    await page.getByRole('status').filter({ hasText: 'All schedules are paused' }).waitFor();
    await page.getByRole('button', { name: 'Resume all' }).click();
    await page.getByRole('status').filter({ hasText: 'All schedules are paused' }).waitFor({ state: 'hidden' });
    await card.getByRole('button', { name: 'Remove morning-check' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove morning-check?' });
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await card.waitFor({ state: 'hidden' });
    await page.getByText('No schedules yet').waitFor();
  });

  assert.deepEqual(errors, [], 'no errors in the page');
  await page.close();
});
