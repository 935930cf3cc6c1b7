import assert from 'node:assert/strict';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createDatabase } from '../helpers/postgres.ts';
import { queryRows, usePgSkill, withPassword } from '../helpers/pg-skill.ts';
import { runSkill } from '../helpers/run-skill.ts';

const env = usePgSkill('opsroom-pg-migrate-');
const FIXTURES = fileURLToPath(new URL('../fixtures/skills-pg/', import.meta.url));
const PASSWORD = 'h6-migrate-Pw-5521';

const secretUrl = (url: string) => withPassword(url, PASSWORD);

/** Everything the app keeps about a run (bundle: plan, input, steps, proofs; and every event), as text. */
async function storedText(runId: number): Promise<string> {
  const [bundle, events] = await Promise.all([env.core.proofs.bundle(runId), env.core.runs.events(runId, 0, 100_000)]);
  return JSON.stringify({ bundle, events });
}

const output = (events: { stepId: string | null; kind: string; message: string }[], stepId: string) =>
  events.filter((event) => event.stepId === stepId && event.kind === 'output').map((event) => event.message);

test('applies the pending migrations in order, proves the schema version, and applies only new ones next time', async () => {
  const url = createDatabase(env.cluster, 'migrate_ok');
  const folder = join(env.dir, 'migrations');
  cpSync(join(FIXTURES, 'migrations'), folder, { recursive: true });

  const first = await runSkill(env.core, 'pg-migrate', { url: secretUrl(url), dir: folder });
  assert.equal(first.run.status, 'succeeded', first.run.error ?? '');
  assert.equal(first.plan.params?.url?.default, undefined, 'the secret URL is not written into the plan');
  assert.ok(first.proofs.length >= 5 && first.proofs.every((proof) => proof.passed), JSON.stringify(first.proofs.filter((p) => !p.passed)));
  const version = first.proofs.find((proof) => proof.stepId === 'migrate' && proof.verifierKind === 'sql')!;
  assert.equal(version.evidence.value, '3');
  // The verifier reached the database through the secret reference; what it stored has the password masked.
  assert.match(String(version.config.database), /^postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/migrate_ok$/);
  assert.deepEqual(output(first.events, 'migrate'), ['applied: 0001_create_services.sql', 'applied: 0002_add_owner.sql', 'applied: 0003_seed_services.sql']);
  assert.deepEqual((await queryRows(url, 'SELECT version, name FROM schema_migrations ORDER BY version')).map((row) => [row.version, row.name]),
    [['1', '0001_create_services.sql'], ['2', '0002_add_owner.sql'], ['3', '0003_seed_services.sql']]);
  assert.deepEqual((await queryRows(url, 'SELECT name, owner FROM services ORDER BY id')).map((row) => row.name), ['api', 'web', 'db']);

  // A new file arrives: only it is applied (0003's seed would fail on the unique name if it ran again).
  writeFileSync(join(folder, '0004_add_tier.sql'), "ALTER TABLE services ADD COLUMN tier text NOT NULL DEFAULT 'standard';\n");
  const second = await runSkill(env.core, 'pg-migrate', { url: secretUrl(url), dir: folder });
  assert.equal(second.run.status, 'succeeded', second.run.error ?? '');
  assert.deepEqual(output(second.events, 'migrate'), ['already applied: 0001_create_services.sql', 'already applied: 0002_add_owner.sql',
    'already applied: 0003_seed_services.sql', 'applied: 0004_add_tier.sql']);
  assert.equal(second.proofs.find((proof) => proof.stepId === 'migrate' && proof.verifierKind === 'sql')!.evidence.value, '4');
  assert.equal((await queryRows(url, 'SELECT count(*)::int AS n FROM services')).at(0)?.n, 3);

  for (const run of [first.run, second.run]) {
    const stored = await storedText(run.id);
    assert.ok(!stored.includes(PASSWORD), `run ${run.id} stored the database password`);
  }
});

test('a failing migration is rolled back alone: the earlier ones stay, the run fails with psql\'s error', async () => {
  const url = createDatabase(env.cluster, 'migrate_broken');
  const { run, steps, proofs } = await runSkill(env.core, 'pg-migrate', { url: secretUrl(url), dir: join(FIXTURES, 'migrations-broken') });
  assert.equal(run.status, 'failed');
  assert.deepEqual(steps.map((step) => [step.stepId, step.status]), [['scan', 'succeeded'], ['migrate', 'failed']]);

  const failing = proofs.filter((proof) => proof.stepId === 'migrate' && !proof.passed);
  const byKind = new Map(failing.map((proof) => [proof.verifierKind, proof]));
  assert.deepEqual([...byKind.keys()].sort(), ['exit_code', 'output', 'sql']);
  assert.equal(byKind.get('exit_code')!.evidence.exitCode, 3, 'psql exits 3 when a script fails under ON_ERROR_STOP');
  const error = String(byKind.get('output')!.evidence.matched);
  assert.match(error, /0003_audit_and_typo\.sql:3: ERROR:\s+column "ownr" of relation "services" does not exist/);
  const version = byKind.get('sql')!;
  assert.equal(version.evidence.value, '2');
  assert.match(version.summary, /first value is "2", expected "4"/);

  // 0001 and 0002 are applied; 0003's first statement (audit_log) was rolled back with it; 0004 never ran.
  assert.deepEqual((await queryRows(url, 'SELECT version FROM schema_migrations ORDER BY version')).map((row) => row.version), ['1', '2']);
  assert.deepEqual((await queryRows(url, "SELECT to_regclass('audit_log') AS audit, to_regclass('never_reached') AS never, to_regclass('services_owner_idx') AS idx"))[0],
    { audit: null, never: null, idx: 'services_owner_idx' });
  assert.ok(!(await storedText(run.id)).includes(PASSWORD));
});

test('a misnamed migration stops the skill before the database is touched', async () => {
  const url = createDatabase(env.cluster, 'migrate_misnamed');
  const folder = join(env.dir, 'misnamed');
  cpSync(join(FIXTURES, 'migrations'), folder, { recursive: true });
  writeFileSync(join(folder, '0004_add tier.sql'), 'SELECT 1;\n');
  const { run, steps, proofs } = await runSkill(env.core, 'pg-migrate', { url: secretUrl(url), dir: folder });
  assert.equal(run.status, 'failed');
  assert.deepEqual(steps.map((step) => [step.stepId, step.status]), [['scan', 'failed'], ['migrate', 'skipped']]);
  assert.equal(proofs.find((proof) => proof.stepId === 'scan' && proof.verifierKind === 'exit_code')?.evidence.exitCode, 2);
  assert.deepEqual(await queryRows(url, "SELECT to_regclass('schema_migrations') AS t"), [{ t: null }]);
});
