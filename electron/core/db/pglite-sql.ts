import { PGlite, type Transaction } from '@electric-sql/pglite';
import { INT8_OID, parseInt8, type QueryResult, type Sql } from './sql.ts';

type Queryable = Pick<Transaction, 'query' | 'exec'>;

function wrap(db: Queryable, root: PGlite | null): Sql {
  return {
    engine: 'pglite',
    async query<Row>(text: string, params?: unknown[]): Promise<QueryResult<Row>> {
      const result = await db.query<Row>(text, params as unknown[]);
      return { rows: result.rows, affectedRows: result.affectedRows ?? 0 };
    },
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      if (!root) throw new Error('nested transactions are not supported');
      return root.transaction((tx) => fn(wrap(tx, null)));
    },
    async exec(script: string): Promise<void> {
      await db.exec(script);
    },
    async close(): Promise<void> {
      await root?.close();
    },
  };
}

/** Opens (creating on first use) the PGlite database in `pgdataDir`. Only the db-worker thread calls this. */
export async function openPglite(pgdataDir: string): Promise<Sql> {
  const db = await PGlite.create(pgdataDir, { parsers: { [INT8_OID]: parseInt8 } });
  return wrap(db, db);
}
