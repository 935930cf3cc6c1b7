import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { queryPostgres } from '../../../electron/core/db/postgres-query.ts';
import { sqlVerifier } from '../../../electron/core/verifiers/sql.ts';
import type { VerifyContext } from '../../../electron/core/verifiers/verifier.ts';
import type { SqlVerifier } from '../../../shared/ir/verifier.ts';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.ts';
import { tempDir } from '../../helpers/tmp.ts';
import { verifyContext } from './context.ts';

const SETUP = `
  CREATE TABLE services (id integer PRIMARY KEY, name text NOT NULL, state text NOT NULL, seen timestamptz, blob bytea);
  INSERT INTO services VALUES (1, 'api', 'up', '2024-05-01T10:00:00Z', '\\xdeadbeef'), (2, 'web', 'up', NULL, NULL), (3, 'db', 'down', NULL, NULL);
`;

const dir = tempDir('opsroom-sql-verifier-');
let lite: PGlite;
let cluster: TestPostgres;

before(async () => {
  lite = await PGlite.create(join(dir.path, 'pgdata'));
  await lite.exec(SETUP);
  cluster = await startPostgres();
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  await client.query(SETUP);
  await client.end();
});

after(async () => {
  await lite?.close();
  cluster?.stop();
  dir.remove();
});

/** What the app gives a verifier for its own database: one read-only, rolled-back query on PGlite. */
const localSql: VerifyContext['localSql'] = (query, params) =>
  lite.transaction(async (tx) => {
    await tx.exec('SET TRANSACTION READ ONLY');
    const result = await tx.query<unknown[]>(query, params, { rowMode: 'array' });
    await tx.rollback();
    return { fields: result.fields.map((field) => field.name), rows: result.rows };
  });

/** The app's own database in shared-PostgreSQL mode: the same read-only query path as a URL verifier. */
const sharedLocalSql: VerifyContext['localSql'] = (query, params) => queryPostgres(cluster.url, query, params, { timeoutMs: 60_000, cancel: new AbortController().signal, readOnly: true });

// PGlite here runs in the test's own thread and blocks it while a query runs, so no timer can fire then; the
// app runs it in a worker thread. The timeout is therefore checked on the engines whose queries are async.
const engines = [
  { name: 'local PGlite', localSql, database: () => undefined, async: false },
  { name: 'local shared PostgreSQL', localSql: sharedLocalSql, database: () => undefined, async: true },
  { name: 'PostgreSQL 15 by URL', localSql, database: () => cluster.url, async: true },
];

for (const engine of engines) {
  describe(`sql verifier on ${engine.name}`, () => {
    const verify = (config: Omit<SqlVerifier, 'kind' | 'database'>, context = verifyContext({}, { localSql: engine.localSql })) =>
      sqlVerifier.verify({ kind: 'sql', ...config, ...(engine.database() ? { database: engine.database() } : {}) }, context);

    test('a count returned as bigint equals the number it spells', async () => {
      const outcome = await verify({ query: "SELECT count(*) FROM services WHERE state = 'up'", expectValue: 2 });
      assert.equal(outcome.passed, true, outcome.summary);
      assert.equal(outcome.evidence.rowCount, 1);
      assert.deepEqual(outcome.evidence.fields, ['count']);
      assert.equal(Number(outcome.evidence.value), 2);
      assert.equal(outcome.evidence.database, engine.database() ? cluster.url : 'local');
    });

    test('a wrong value fails and says what it found', async () => {
      const outcome = await verify({ query: "SELECT count(*) FROM services WHERE state = 'up'", expectValue: 3 });
      assert.equal(outcome.passed, false);
      assert.match(outcome.summary, /first value is "?2"?, expected 3/);
    });

    test('params, exact row counts, and the at-least-one-row default', async () => {
      const named = await verify({ query: 'SELECT name FROM services WHERE id = $1', params: [2], expectValue: 'web' });
      assert.equal(named.passed, true, named.summary);
      assert.deepEqual(named.evidence.params, [2]);
      assert.equal((await verify({ query: "SELECT id FROM services WHERE state = 'up'", expectRows: 2 })).passed, true);
      const wrongCount = await verify({ query: 'SELECT id FROM services', expectRows: 2 });
      assert.equal(wrongCount.passed, false);
      assert.match(wrongCount.summary, /3 rows, expected 2/);
      const none = await verify({ query: "SELECT id FROM services WHERE state = 'gone'" });
      assert.equal(none.passed, false);
      assert.match(none.summary, /no rows, expected at least one/);
      assert.equal((await verify({ query: "SELECT id FROM services WHERE state = 'down'" })).passed, true);
    });

    test('evidence holds at most 20 rows, as JSON values', async () => {
      const many = await verify({ query: 'SELECT g FROM generate_series(1, 25) g', expectRows: 25 });
      assert.equal(many.passed, true, many.summary);
      assert.equal((many.evidence.rows as unknown[]).length, 20);
      const typed = await verify({ query: 'SELECT seen, blob FROM services WHERE id = 1', expectValue: '2024-05-01T10:00:00.000Z' });
      assert.equal(typed.passed, true, typed.summary);
      assert.deepEqual(typed.evidence.rows, [['2024-05-01T10:00:00.000Z', '\\xdeadbeef']]);
    });

    test('a query error is a failed outcome with the message', async () => {
      const outcome = await verify({ query: 'SELECT nope FROM services' });
      assert.equal(outcome.passed, false);
      assert.match(outcome.summary, /failed: column "nope" does not exist/);
      assert.match(outcome.evidence.error as string, /nope/);
    });

    test('writes are refused: the query runs read-only', async () => {
      const outcome = await verify({ query: "INSERT INTO services VALUES (9, 'x', 'up') RETURNING id" });
      assert.equal(outcome.passed, false);
      assert.match(outcome.summary, /read-only transaction/);
      const count = await verify({ query: 'SELECT count(*) FROM services', expectValue: 3 });
      assert.equal(count.passed, true, count.summary);
    });

    if (engine.async) {
      test('a query past its timeout fails', async () => {
        const outcome = await verify({ query: 'SELECT pg_sleep(2)', timeoutMs: 200 });
        assert.equal(outcome.passed, false);
        assert.match(outcome.summary, engine.database() ? /statement timeout/ : /no result within 200 ms/);
      });
    }
  });
}

describe('sql verifier on an external PostgreSQL', () => {
  test('a second statement cannot step outside the read-only transaction', async () => {
    const outcome = await sqlVerifier.verify({ kind: 'sql', database: cluster.url, query: "ROLLBACK; DELETE FROM services" }, verifyContext());
    assert.equal(outcome.passed, false);
    assert.match(outcome.summary, /cannot insert multiple commands into a prepared statement/);
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    const { rows } = await client.query('SELECT count(*)::int AS n FROM services');
    await client.end();
    assert.equal(rows[0].n, 3);
  });

  test('the password in the URL is masked in evidence and summary', async () => {
    const url = cluster.url.replace('postgres@', 'postgres:s3cret@');
    const outcome = await sqlVerifier.verify({ kind: 'sql', database: url, query: 'SELECT 1 AS one', expectValue: 1 }, verifyContext());
    assert.equal(outcome.passed, true, outcome.summary);
    assert.equal(outcome.evidence.database, url.replace('s3cret', '***'));
    assert.doesNotMatch(JSON.stringify(outcome), /s3cret/);
  });

  test('an unreachable server or a foreign URL is a failed outcome', async () => {
    const down = await sqlVerifier.verify({ kind: 'sql', database: 'postgres://postgres@127.0.0.1:1/postgres', query: 'SELECT 1' }, verifyContext());
    assert.equal(down.passed, false);
    assert.match(down.summary, /ECONNREFUSED/);
    const mysql = await sqlVerifier.verify({ kind: 'sql', database: 'mysql://root:pw@host/db', query: 'SELECT 1' }, verifyContext());
    assert.equal(mysql.passed, false);
    assert.equal(mysql.summary, "sql verifier: database must be 'local' or a postgres:// URL");
  });
});
