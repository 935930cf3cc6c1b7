import pg from 'pg';

export interface SqlTable {
  fields: string[];
  rows: unknown[][];
  /** When rows holds only the first of more rows. */
  rowCount?: number;
}

export interface PostgresQueryOptions {
  timeoutMs: number;
  cancel: AbortSignal;
  /** Verifiers only read; the `sql` tool may write (committed). */
  readOnly: boolean;
}

/**
 * One query on an external PostgreSQL named by URL. Read-only is enforced twice over: the session defaults to
 * read-only transactions and the query runs inside BEGIN READ ONLY, rolled back. The extended protocol allows
 * one statement only, so "ROLLBACK; DELETE …" cannot step outside the transaction. The connection is always closed.
 */
export async function queryPostgres(url: string, query: string, params: unknown[], options: PostgresQueryOptions): Promise<SqlTable> {
  const { timeoutMs, cancel, readOnly } = options;
  const client = new pg.Client({
    connectionString: url,
    application_name: 'opsroom',
    ...(readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
    statement_timeout: timeoutMs,
    connectionTimeoutMillis: timeoutMs,
    // The client-side backstop for a server that stops answering altogether.
    query_timeout: timeoutMs + 1_000,
  });
  client.on('error', () => undefined); // a dropped connection also rejects the query in flight, which reports it
  const stop = () => void client.end().catch(() => undefined);
  cancel.addEventListener('abort', stop, { once: true });
  try {
    if (cancel.aborted) throw new Error('cancelled');
    await client.connect();
    await client.query(readOnly ? 'BEGIN READ ONLY' : 'BEGIN');
    // queryMode is missing from @types/pg; it forces the extended protocol even without parameters.
    const config: pg.QueryArrayConfig & { queryMode: 'extended' } = { text: query, values: params, rowMode: 'array', queryMode: 'extended' };
    const result = await client.query(config);
    await client.query(readOnly ? 'ROLLBACK' : 'COMMIT');
    return { fields: result.fields.map((field) => field.name), rows: result.rows };
  } finally {
    cancel.removeEventListener('abort', stop);
    await client.end().catch(() => undefined);
  }
}
