import { delimiter, join } from 'node:path';
import { after, before } from 'node:test';
import pg from 'pg';
import { createCore, type Core } from '../../electron/core/index.ts';
import { PG_BIN, startPostgres, type TestPostgres } from './postgres.ts';
import { tempDir } from './tmp.ts';

export interface PgSkillContext {
  cluster: TestPostgres;
  core: Core;
  /** A folder removed after the file's tests. */
  dir: string;
}

/**
 * One throwaway PostgreSQL 15 cluster and one core (lane A) for a test file of a pg-* skill, started before its
 * tests and stopped after them. The skills run psql, pg_dump and pg_restore from PATH, which the lane workers
 * copy from this process when they start: PostgreSQL's programs go on it first.
 */
export function usePgSkill(prefix: string): PgSkillContext {
  process.env.PATH = `${PG_BIN}${delimiter}${process.env.PATH ?? ''}`;
  const dir = tempDir(prefix);
  const context = { dir: dir.path } as PgSkillContext;
  before(async () => {
    context.cluster = await startPostgres();
    context.core = await createCore({ dataDir: join(dir.path, 'data'), lanes: ['A'] });
  });
  after(async () => {
    await context.core?.close();
    context.cluster?.stop();
    dir.remove();
  });
  return context;
}

/** The database's URL with a password in it, as a person would paste it (the test cluster trusts loopback, so
 * the password is carried, not checked: what matters is that it never shows in what the app stores). */
export const withPassword = (url: string, password: string): string => url.replace('postgres@', `postgres:${password}@`);

export async function queryRows(url: string, text: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}
