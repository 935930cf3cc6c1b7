import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createCore, type Core } from '../../electron/core/index.ts';
import { openPostgres } from '../../electron/core/db/postgres-sql.ts';
import type { Sql } from '../../electron/core/db/sql.ts';
import { finished, reviewPlan, waitForApproval } from '../core/approvals/approval-kit.ts';
import { cli } from '../helpers/cli.ts';
import { sharedPostgres } from '../helpers/engines.ts';
import { createDatabase } from '../helpers/postgres.ts';
import { tempDir } from '../helpers/tmp.ts';

// The CLI decides in its own process while the run waits in another: on one shared PostgreSQL 15, the way a
// second person (or machine) does it. (An embedded database belongs to one process: see the last test.)
describe('opsroom approve / reject / approvals (PostgreSQL 15, the run waiting in another process)', () => {
  let core: Core;
  let sql: Sql;
  let db: string[];
  before(async () => {
    const url = createDatabase(await sharedPostgres(), 'approve_cli');
    db = ['--database-url', url];
    core = await createCore({ databaseUrl: url, dataDir: join(tempDir().path, 'data'), heartbeatMs: 500 });
    sql = await openPostgres(url, 1);
  });
  after(async () => {
    await core.close({ graceMs: 0 });
    await sql.close();
  });

  test('approve prints what is shown (prompt, evidence, diff) and approves exactly that; the run goes on', async () => {
    const { run } = await core.runs.enqueue({ plan: reviewPlan('cli approval'), lane: 'A' });
    const { approval } = await waitForApproval(core, run.id, 'review');
    const listed = await cli(['approvals', ...db]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, new RegExp(`^RUN\\s+STEP\\s+STATUS\\s+ASKED\\s+EXPIRES\\s+PROMPT\\n${run.id}\\s+review\\s+pending\\s+\\d{4}-\\S+\\s+-\\s+Apply this change to production\\? \\(cli approval\\)\\n`));

    const approved = await cli(['approve', String(run.id), 'review', '--comment', 'ship it', '--as', 'alice', ...db]);
    assert.equal(approved.code, 0, approved.stderr);
    assert.match(approved.stdout, new RegExp(`^Apply this change to production\\?\nrun ${run.id} "cli approval", plan cli approval sha256:[0-9a-f]{12}, step review \\(approval\\)\n`));
    assert.match(approved.stdout, /evidence:\n {2}✓ plan succeeded\n {6}proved exit_code: exit code 0 sha256:[0-9a-f]{12}\n/);
    assert.match(approved.stdout, /diff:\n {2}--- a\/app\.conf\n {2}\+\+\+ b\/app\.conf\n {2}-replicas: 2\n {2}\+replicas: 3\n/);
    assert.match(approved.stdout, new RegExp(`approved run ${run.id} step review as alice \\("ship it"\\) for sha256:${approval.shownSha256}\\n$`));

    const ended = await finished(core, run.id);
    assert.equal(ended.status, 'succeeded', ended.error ?? '');
    const [proof] = (await core.proofs.list(run.id)).filter((p) => p.stepId === 'review');
    assert.equal(proof!.passed, true);
    assert.deepEqual([proof!.evidence.decision, proof!.evidence.by, proof!.evidence.comment, proof!.evidence.approvedSha256],
      ['approved', 'alice', 'ship it', approval.shownSha256]);
    assert.match(String(proof!.evidence.at), /^\d{4}-\d\d-\d\dT/);
    assert.equal((await cli(['approvals', ...db])).stdout, 'nothing waits for a decision\n');
  });

  test('reject fails the step and the run; a second decision is refused, naming who decided and when', async () => {
    const { run } = await core.runs.enqueue({ plan: reviewPlan('cli rejection'), lane: 'B' });
    await waitForApproval(core, run.id, 'review');
    const rejected = await cli(['reject', String(run.id), 'review', '--comment', 'wrong replica count', '--as', 'bob', ...db]);
    assert.equal(rejected.code, 0, rejected.stderr);
    assert.match(rejected.stdout, new RegExp(`rejected run ${run.id} step review as bob \\("wrong replica count"\\)`));
    const ended = await finished(core, run.id);
    assert.equal(ended.status, 'failed');
    assert.deepEqual((await core.runs.get(run.id)).steps.map((s) => s.status), ['succeeded', 'failed', 'skipped']);
    const again = await cli(['approve', String(run.id), 'review', ...db]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, new RegExp(`^opsroom: the approval of run ${run.id} at step "review" was already rejected by bob at \\d{4}-`));
  });

  test('a shown document changed in the database: the CLI\'s decision is void, and an approval of the old digest fails the proof', async () => {
    const { run } = await core.runs.enqueue({ plan: reviewPlan('tampered evidence'), lane: 'C' });
    const { approval } = await waitForApproval(core, run.id, 'review');
    await sql.query(`UPDATE approvals SET shown = jsonb_set(shown, '{diff}', '"+replicas: 30"') WHERE run_id = $1`, [run.id]);

    // The CLI prints the document as stored now and quotes its digest: not what the step asked about.
    const refused = await cli(['approve', String(run.id), 'review', ...db]);
    assert.equal(refused.code, 2);
    assert.match(refused.stdout, /diff:\n {2}\+replicas: 30\n/);
    assert.match(refused.stderr, new RegExp(`^opsroom: void: you were shown sha256:[0-9a-f]{12}… but the step asks about sha256:${approval.shownSha256.slice(0, 12)}…`));
    assert.equal((await core.approvals.get(run.id, 'review')).status, 'pending', 'a void decision changes nothing');

    // Someone who saw the original approves its digest: recorded, but the verifier hashes the stored document.
    await core.approvals.decide({ runId: run.id, stepId: 'review', decision: 'approve', shownSha256: approval.shownSha256, by: 'mallory' });
    const ended = await finished(core, run.id);
    assert.equal(ended.status, 'failed');
    assert.match(ended.error!, new RegExp(`approval: void: the shown document now hashes to sha256:[0-9a-f]{12}, not the sha256:${approval.shownSha256.slice(0, 12)} the step asked about`));
    assert.deepEqual((await core.runs.get(run.id)).steps.map((s) => s.status), ['succeeded', 'failed', 'skipped']);
  });

  test('on an embedded database the app holds, the CLI says where to decide instead', async () => {
    const dataDir = join(tempDir().path, 'data');
    const app = await createCore({ dataDir, runWorkers: false });
    try {
      const result = await cli(['approvals', '--data-dir', dataDir]);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /already in use by pid \d+.*decide in its run view or from the tray; the CLI decides on a shared PostgreSQL/);
    } finally {
      await app.close();
    }
  });
});
