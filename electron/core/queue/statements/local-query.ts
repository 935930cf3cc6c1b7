import type { Sql } from '../../db/sql.ts';

/** At most this many rows come back; a verifier needs a count and a few rows, not a table dump. */
const MAX_ROWS = 1000;

/**
 * A plan's read-only query on the app's own database (the `sql` verifier and tool with database 'local').
 * READ ONLY makes any write fail inside the database itself, whatever the text says; the transaction is
 * rolled back either way.
 */
export async function localQuery(sql: Sql, text: string, params: unknown[]): Promise<{ fields: string[]; rows: unknown[][]; rowCount: number }> {
  return sql.transaction(async (tx) => {
    await tx.query('SET TRANSACTION READ ONLY');
    const { rows } = await tx.query(text, params);
    const fields = rows[0] ? Object.keys(rows[0]) : [];
    return { fields, rows: rows.slice(0, MAX_ROWS).map((row) => Object.values(row)), rowCount: rows.length };
  });
}
