import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createDatabase } from '../helpers/postgres.ts';
import { queryRows, usePgSkill, withPassword } from '../helpers/pg-skill.ts';
import { runSkill } from '../helpers/run-skill.ts';

const env = usePgSkill('opsroom-pg-backup-verify-');
const FIXTURES = fileURLToPath(new URL('../fixtures/skills-pg/', import.meta.url));
const PASSWORD = 'h6-backup-Pw-9047';

const secretUrl = (url: string) => withPassword(url, PASSWORD);

async function database(name: string, fixture: string): Promise<string> {
  const url = createDatabase(env.cluster, name);
  await queryRows(url, readFileSync(join(FIXTURES, fixture), 'utf8'));
  return url;
}

/** Inserts a row every few milliseconds until stopped: the database is live while it is backed up. */
function keepWriting(url: string): { stop(): Promise<number> } {
  const client = new pg.Client({ connectionString: url });
  let running = true;
  let written = 0;
  const loop = (async () => {
    await client.connect();
    while (running) {
      await client.query('INSERT INTO heartbeats DEFAULT VALUES');
      written += 1;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await client.end();
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return written;
    },
  };
}

async function storedText(runId: number): Promise<string> {
  const [bundle, events] = await Promise.all([env.core.proofs.bundle(runId), env.core.runs.events(runId, 0, 100_000)]);
  return JSON.stringify({ bundle, events });
}

const scratchDatabases = async () =>
  (await queryRows(env.cluster.url, "SELECT datname FROM pg_database WHERE datname LIKE 'opsroom_verify_%'")).map((row) => row.datname);

test('backs up a live database, hashes the artifact, restores it and proves every table came back whole', async () => {
  const url = await database('backup_ok', 'backup-healthy.sql');
  const backups = join(env.dir, 'backups', 'nightly');
  const writer = keepWriting(url);
  const { run, steps, proofs, plan } = await runSkill(env.core, 'pg-backup-verify', { url: secretUrl(url), backup_dir: backups, prefix: 'app' })
    .finally(() => writer.stop());
  assert.equal(run.status, 'succeeded', `${run.error}\n${JSON.stringify(proofs.filter((proof) => !proof.passed), null, 1)}`);
  assert.ok(proofs.length >= 11 && proofs.every((proof) => proof.passed));
  assert.ok((await writer.stop()) > 0, 'rows were written during the backup');
  assert.equal(plan.params?.url?.default, undefined, 'the secret URL is not written into the plan');

  // The artifact and its checksum file, named by the stamp step.
  const stamp = await env.core.runs.events(run.id, 0, 100_000).then((events) =>
    events.find((event) => event.stepId === 'stamp' && event.kind === 'output')!.message);
  assert.deepEqual(readdirSync(backups).sort(), [`app-${stamp}.dump`, `app-${stamp}.dump.sha256`]);
  const artifact = join(backups, `app-${stamp}.dump`);
  const sha256 = createHash('sha256').update(readFileSync(artifact)).digest('hex');
  assert.equal(readFileSync(`${artifact}.sha256`, 'utf8'), `${sha256}  app-${stamp}.dump\n`);
  const fileProofs = proofs.filter((proof) => proof.verifierKind === 'file' && proof.config.sha256 !== undefined);
  assert.deepEqual(fileProofs.map((proof) => [proof.stepId, proof.evidence.sha256]), [['hash', sha256], ['restore', sha256]]);
  assert.equal(readFileSync(artifact).subarray(0, 5).toString(), 'PGDMP', 'a pg_dump custom-format archive');

  // Both sides counted every table, including the empty one and the quoted name in another schema.
  const compared = proofs.find((proof) => proof.stepId === 'restore' && proof.verifierKind === 'sql' && proof.config.database === 'local')!;
  const [dumped, restored] = compared.evidence.params as string[];
  assert.equal(restored, dumped);
  const counts = new Map(dumped!.split('\n').map((line) => [line.slice(line.indexOf(' ') + 1), Number(line.split(' ')[0])]));
  assert.deepEqual([...counts.keys()].sort(), ['ops."Check Results"', 'ops.empty_table', 'public.events', 'public.heartbeats', 'public.services']);
  assert.deepEqual([counts.get('public.services'), counts.get('public.events'), counts.get('ops."Check Results"'), counts.get('ops.empty_table')], [3, 1000, 42, 0]);
  assert.equal(compared.evidence.rowCount, 0);

  assert.deepEqual(steps.map((step) => step.status), ['succeeded', 'succeeded', 'succeeded', 'succeeded']);
  assert.deepEqual(await scratchDatabases(), [], 'the scratch database is dropped');
  assert.ok(!(await storedText(run.id)).includes(PASSWORD), 'the password is not stored anywhere in the run');
});

test('a backup that does not restore whole fails the run, naming the table that lost its rows', async () => {
  const url = await database('backup_lossy', 'backup-loses-rows.sql');
  const backups = join(env.dir, 'backups', 'lossy');
  const { run, steps, proofs } = await runSkill(env.core, 'pg-backup-verify', { url: secretUrl(url), backup_dir: backups });
  assert.equal(run.status, 'failed');
  assert.deepEqual(steps.map((step) => [step.stepId, step.status]),
    [['stamp', 'succeeded'], ['dump', 'succeeded'], ['hash', 'succeeded'], ['restore', 'failed']]);

  const restore = proofs.filter((proof) => proof.stepId === 'restore');
  const compared = restore.find((proof) => proof.verifierKind === 'sql' && proof.config.database === 'local')!;
  assert.equal(compared.passed, false);
  assert.deepEqual((compared.evidence.rows as unknown[][]).map(([table, inDump, back]) => [table, Number(inDump), Number(back)]),
    [['public.accounts', 5, 0]]);
  assert.match(compared.summary, /1 rows, expected 0/);
  const error = restore.find((proof) => proof.verifierKind === 'output')!;
  assert.equal(error.passed, false);
  assert.match(String(error.evidence.matched), /pg_restore: error: COPY failed for table "accounts": ERROR:\s+new row for relation "accounts" violates check constraint/);
  assert.deepEqual(restore.filter((proof) => proof.passed).map((proof) => proof.verifierKind).sort(), ['file', 'sql'],
    'the artifact is still the hashed one, and the scratch database was dropped even so');
  assert.deepEqual(await scratchDatabases(), []);
  // The source itself is untouched.
  assert.deepEqual(await queryRows(url, 'SELECT count(*)::int AS n FROM accounts'), [{ n: 5 }]);
});
