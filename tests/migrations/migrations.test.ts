import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadMigrations, migrate, MIGRATIONS_DIR } from '../../electron/core/db/migrate.ts';
import { openPglite } from '../../electron/core/db/pglite-sql.ts';
import { planHash } from '../../electron/core/plans/plan-hash.ts';
import { shellPlan } from '../../electron/core/plans/shell-plan.ts';
import type { Sql } from '../../electron/core/db/sql.ts';
import { ENGINES } from '../helpers/engines.ts';
import { tempDir } from '../helpers/tmp.ts';

// The shape of a schema as both engines describe it: columns with types and nullability, constraints by
// definition, indexes by definition, triggers. Identical output means the same files built the same schema.
// (PostgreSQL 18, inside PGlite, also lists NOT NULL as constraints of type n: the columns already say it.)
async function schemaOf(sql: Sql): Promise<string[]> {
  const columns = await sql.query<{ d: string }>(`SELECT table_name || '.' || column_name || ' ' || data_type || ' ' ||
    is_nullable || ' ' || coalesce(column_default, '') AS d FROM information_schema.columns
    WHERE table_schema = 'public' ORDER BY table_name, column_name`);
  const constraints = await sql.query<{ d: string }>(`SELECT conrelid::regclass || ' ' || contype::text || ' ' ||
    pg_get_constraintdef(oid) AS d FROM pg_constraint WHERE connamespace = 'public'::regnamespace
    AND contype <> 'n' ORDER BY 1`);
  const indexes = await sql.query<{ d: string }>(`SELECT indexdef AS d FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`);
  const triggers = await sql.query<{ d: string }>(`SELECT tgrelid::regclass || ' ' || tgname AS d FROM pg_trigger
    WHERE NOT tgisinternal ORDER BY 1`);
  return [...columns.rows, ...constraints.rows, ...indexes.rows, ...triggers.rows].map((r) => r.d);
}

test('the same migration files build the same schema on PGlite and PostgreSQL 15, once', async () => {
  const schemas: string[][] = [];
  const expected = (await loadMigrations()).map((m) => m.version);
  for (const engine of ENGINES) {
    const { sql } = await engine.open(); // open() migrates
    const { rows } = await sql.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    assert.deepEqual(rows.map((r) => r.version), expected, `${engine.name} recorded every migration`);
    assert.deepEqual(await migrate(sql), [], `${engine.name}: a second run applies nothing`);
    schemas.push(await schemaOf(sql));
  }
  assert.ok(schemas[0]!.length > 100, 'the schema was read');
  for (const table of ['sessions', 'runs', 'run_steps', 'run_events', 'artifacts', 'plans', 'mcp_servers', 'tools', 'skills', 'proofs', 'lanes', 'command_history']) {
    assert.ok(schemas[0]!.some((line) => line.startsWith(`${table}.`)), `table ${table} exists`);
  }
  assert.deepEqual(schemas[0], schemas[1]);
});

test('an edited migration is refused, a newer database is refused, a badly named file is refused', async () => {
  for (const engine of ENGINES) {
    const { sql } = await engine.open();
    const [first] = await loadMigrations();
    await assert.rejects(migrate(sql, [{ ...first!, sha256: 'f'.repeat(64) }]), /migration 1 \(core_schema\) was edited after it was applied/);
    await sql.query("INSERT INTO schema_migrations (version, name, sha256) VALUES (9999, 'future', 'x')");
    await assert.rejects(migrate(sql), /schema version 9999, newer than this app knows/);
  }
  const dir = tempDir().path;
  for (const name of readdirSync(MIGRATIONS_DIR)) copyFileSync(join(MIGRATIONS_DIR, name), join(dir, name));
  writeFileSync(join(dir, '2-oops.sql'), 'SELECT 1;');
  await assert.rejects(loadMigrations(dir), /2-oops.sql is not named NNNN_snake_case.sql/);
});

test('a failing migration leaves nothing half-applied', async () => {
  for (const engine of ENGINES) {
    const { sql } = await engine.open();
    const real = await loadMigrations();
    const version = real.at(-1)!.version + 1;
    const broken = { version, name: 'broken', sha256: 'b'.repeat(64), sql: 'CREATE TABLE half (id int); SELECT no_such_function();' };
    await assert.rejects(migrate(sql, [...real, broken]), /no_such_function/);
    const { rows } = await sql.query(`SELECT to_regclass('half') AS t, (SELECT count(*) FROM schema_migrations WHERE version = ${version}) AS n`);
    assert.deepEqual(rows[0], { t: null, n: 0 }, `${engine.name}: the table and the record were rolled back`);
  }
});

test('two migrators racing on one PostgreSQL both succeed and apply each file once', async () => {
  const postgres = ENGINES.find((e) => e.name === 'postgres')!;
  const { url } = await postgres.open();
  const { openPostgres } = await import('../../electron/core/db/postgres-sql.ts');
  const fresh = url!.replace(/\/[^/]+$/, '/race');
  const admin = await openPostgres(url!, 1);
  await admin.exec('CREATE DATABASE race');
  const [a, b] = [await openPostgres(fresh, 1), await openPostgres(fresh, 1)];
  const results = await Promise.all([migrate(a), migrate(b)]);
  assert.deepEqual(results.flat().sort((x, y) => x - y), (await loadMigrations()).map((m) => m.version));
  await Promise.all([a.close(), b.close(), admin.close()]);
});

test('0003 marks typed commands stored before it as commands, and leaves real plans pickable', async () => {
  const all = await loadMigrations();
  const sql = await openPglite(join(tempDir().path, 'db'));
  try {
    await migrate(sql, all.filter((m) => m.version < 3));
    const real = { irVersion: 1, name: 'deploy', steps: [{ id: 'sh', tool: 'shell', input: { command: 'make' },
      verify: [{ kind: 'exit_code', expect: 0 }, { kind: 'output', regex: 'ok' }] }] };
    for (const plan of [shellPlan('uname -a'), shellPlan('df -h', { timeoutMs: 5000 }), real]) {
      await sql.query('INSERT INTO plans (name, ir_version, ir, content_hash) VALUES ($1, 1, $2, $3)',
        [plan.name, JSON.stringify(plan), planHash(plan as Parameters<typeof planHash>[0])]);
    }
    await migrate(sql, all);
    const { rows } = await sql.query<{ name: string; kind: string }>('SELECT name, kind FROM plans ORDER BY id');
    assert.deepEqual(rows.map((r) => [r.name, r.kind]), [['uname -a', 'command'], ['df -h', 'command'], ['deploy', 'plan']]);
  } finally {
    await sql.close();
  }
});
