/**
 * The one database interface the core speaks. PGlite and node-postgres both sit behind it, so every
 * statement in queue/ is written once and runs on both engines.
 */
export interface QueryResult<Row> {
  rows: Row[];
  affectedRows: number;
}

export interface Sql {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<QueryResult<Row>>;
  /** Runs `fn` inside BEGIN/COMMIT on one connection; rolls back if it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations) in one round trip. */
  exec(script: string): Promise<void>;
  readonly engine: 'pglite' | 'postgres';
  close(): Promise<void>;
}

/** bigint ids and counts come back as JS numbers on both engines (ids stay far below 2^53). */
export const INT8_OID = 20;
export const parseInt8 = (value: string): number => Number(value);
