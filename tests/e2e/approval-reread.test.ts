import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright';
import { createCore, type Core } from '../../electron/core/index.ts';
import { openPostgres } from '../../electron/core/db/postgres-sql.ts';
import type { Sql } from '../../electron/core/db/sql.ts';
import { reviewPlan } from '../core/approvals/approval-kit.ts';
import { chromiumMissing, launchChromium } from '../helpers/chromium.ts';
import { sharedPostgres } from '../helpers/engines.ts';
import { createDatabase, postgresAvailable } from '../helpers/postgres.ts';
import { startServe, type Served } from '../helpers/serve.ts';
import { tempDir } from '../helpers/tmp.ts';
import { openAppPage } from './app-page.ts';

// The run view hashes the document it displays, every time it displays it anew: a document read again with
// other content (changed in the database, its stored digest not) is not approved with the digest of the old
// one. `opsroom serve` on a shared PostgreSQL 15, so the test can change the stored row under the open page.
const missing = chromiumMissing() ?? (postgresAvailable() ? null : 'no PostgreSQL 15 server binaries');
let served: Served;
let browser: Browser;
let core: Core;
let sql: Sql;
before(async () => {
  if (missing) return;
  const url = createDatabase(await sharedPostgres(), `e2e_approval_${process.pid}`);
  core = await createCore({ databaseUrl: url, dataDir: join(tempDir().path, 'data'), runWorkers: false });
  sql = await openPostgres(url, 1);
  [served, browser] = await Promise.all([startServe({ args: ['--database-url', url] }), launchChromium()]);
});
/** The run's stored approval at `review`, once serve's worker has asked (its events are published over there). */
async function asked(runId: number) {
  for (let waited = 0; waited < 60_000; waited += 200) {
    const [approval] = await core.approvals.list({ runId });
    if (approval) return approval;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`run ${runId} did not ask for approval within 60 s:\n${served.stderr()}`);
}

after(async () => {
  await browser?.close();
  await served?.stop();
  await sql?.close();
  await core?.close();
});

test('a waiting approval whose document changes while it is displayed is hashed again: approving it is void', async (t) => {
  if (missing) return t.skip(missing);
  const { run } = await core.runs.enqueue({ plan: reviewPlan('changed while displayed'), lane: 'A' });
  const approval = await asked(run.id);
  const { page, step } = await openAppPage(t, browser, `${served.url}#/runs/${run.id}`, 'approval-reread-');
  const card = page.getByRole('region', { name: 'Approval at step review' });
  const digest = card.getByTestId('shown-digest');

  await step('the card shows the document and the digest it was asked about', async () => {
    await digest.getByText(`sha256:${approval.shownSha256}`).waitFor();
  });

  await step('the stored document changes; another approval asked makes the page read it again', async () => {
    await sql.query(`UPDATE approvals SET shown = jsonb_set(shown, '{diff}', '"+replicas: 30"') WHERE run_id = $1`, [run.id]);
    await core.runs.enqueue({ plan: reviewPlan('another one'), lane: 'B' });
    await card.getByLabel('Diff').getByText('+replicas: 30').waitFor();
    await digest.getByText(/^sha256:[0-9a-f]{64}$/).waitFor();
    assert.notEqual(await digest.textContent(), `sha256:${approval.shownSha256}`, 'the digest is of the document displayed now');
  });

  await step('Approve quotes that digest: refused as void, nothing changes', async () => {
    await card.getByRole('button', { name: 'Approve' }).click();
    await card.getByRole('alert').getByText(/^void: you were shown sha256:[0-9a-f]{12}… but the step asks about/).waitFor();
    assert.equal((await core.approvals.get(run.id, 'review')).status, 'pending');
  });

  for (const { id } of await core.runs.list({ limit: 10 })) await core.runs.cancel(id).catch(() => undefined);
});
