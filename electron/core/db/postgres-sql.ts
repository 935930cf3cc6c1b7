import { createHash } from 'node:crypto';
import pg from 'pg';
import { INT8_OID, parseInt8, type QueryResult, type Sql } from './sql.ts';

const int8Types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format ?? 'text'),
};

type Queryable = pg.Pool | pg.PoolClient;

// Every statement is prepared once per connection, named by its text: parsing and planning were most of a
// claim's cost (claim + complete 976 -> 2,096 runs/s with 8 connections, `npm run bench`). The store's
// statements are a fixed set (listRuns' filters make a few dozen variants at most).
const names = new Map<string, string>();
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) names.set(text, (name = `ops_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`));
  return name;
}

function wrap(db: Queryable, pool: pg.Pool | null): Sql {
  return {
    engine: 'postgres',
    async query<Row>(text: string, params?: unknown[]): Promise<QueryResult<Row>> {
      const result = await db.query({ name: statementName(text), text, values: params, types: int8Types });
      return { rows: result.rows as Row[], affectedRows: result.rowCount ?? 0 };
    },
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      if (!pool) throw new Error('nested transactions are not supported');
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const value = await fn(wrap(client, null));
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async exec(script: string): Promise<void> {
      await db.query(script);
    },
    async close(): Promise<void> {
      await pool?.end();
    },
  };
}

/**
 * A pool on a shared PostgreSQL. `max` is per process: a lane worker uses 1 connection, the host a few.
 * Connection errors are reported with the URL's host (never its password).
 */
export async function openPostgres(url: string, max = 4): Promise<Sql> {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'opsroom' });
  // An idle client that loses its server emits 'error' on the pool; without a listener that kills the process.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new Error(`cannot connect to PostgreSQL at ${describeUrl(url)}: ${(error as Error).message}`);
  }
  return wrap(pool, pool);
}

export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}
