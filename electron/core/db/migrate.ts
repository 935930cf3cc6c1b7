import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sql } from './sql.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
  sha256: string;
}

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const name of names) {
    const match = FILE_NAME.exec(name);
    if (!match) throw new Error(`migration file ${name} is not named NNNN_snake_case.sql`);
    const sql = await readFile(join(dir, name), 'utf8');
    const version = Number(match[1]);
    if (migrations.some((m) => m.version === version)) throw new Error(`two migrations share number ${match[1]}`);
    migrations.push({ version, name: match[2]!, sql, sha256: createHash('sha256').update(sql).digest('hex') });
  }
  return migrations;
}

// One arbitrary constant: concurrent migrators (several `opsroom worker` processes starting together on one
// PostgreSQL) queue on this lock instead of racing to create the same tables.
const MIGRATION_LOCK = 727_000_001;

/**
 * Applies each not-yet-applied migration in its own transaction and records it with its sha256. A file that
 * changed after it was applied is refused: released migrations are never edited, only followed by new ones.
 * Returns the versions it applied.
 */
export async function migrate(sql: Sql, migrations?: Migration[]): Promise<number[]> {
  const all = migrations ?? (await loadMigrations());
  // Under the lock too: two concurrent CREATE TABLE IF NOT EXISTS collide on PostgreSQL's catalog.
  await sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, sha256 text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
  });
  const applied: number[] = [];
  for (const migration of all) {
    const didApply = await sql.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const { rows } = await tx.query<{ sha256: string }>(
        'SELECT sha256 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (rows[0]) {
        if (rows[0].sha256 !== migration.sha256) {
          throw new Error(`migration ${migration.version} (${migration.name}) was edited after it was applied; ` +
            'add a new migration instead');
        }
        return false;
      }
      await tx.query('INSERT INTO schema_migrations (version, name, sha256) VALUES ($1, $2, $3)',
        [migration.version, migration.name, migration.sha256]);
      await tx.exec(migration.sql);
      return true;
    });
    if (didApply) applied.push(migration.version);
  }
  const latest = all.at(-1)?.version ?? 0;
  const { rows } = await sql.query<{ max: number | null }>('SELECT max(version) AS max FROM schema_migrations');
  if ((rows[0]?.max ?? 0) > latest) {
    throw new Error(`the database has schema version ${rows[0]?.max}, newer than this app knows (${latest}); ` +
      'update Ops Control Room');
  }
  return applied;
}
