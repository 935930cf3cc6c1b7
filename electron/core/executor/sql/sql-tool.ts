import { SqlInputSchema, type SqlInput } from '../../../../shared/ir/builtin-inputs.ts';
import { maskedUrl } from '../../db/masked-url.ts';
import { queryPostgres, type SqlTable } from '../../db/postgres-query.ts';
import type { StepHandler } from '../step-handler.ts';

/** Rows printed as output lines (JSON each); the rest are counted. */
const MAX_ROW_LINES = 1000;

/**
 * The built-in `sql` tool. database 'local' (default) is the app's own database, read-only: plans prove things
 * about it but never change it behind the queue's back. A PostgreSQL URL gets one committed transaction.
 */
export function sqlTool(localQuery: (text: string, params: unknown[]) => Promise<SqlTable>): StepHandler<SqlInput> {
  return {
    tool: 'sql',
    inputSchema: SqlInputSchema,
    async run(input, ctx) {
      const database = input.database ?? 'local';
      let shown = 'the local database';
      let query = () => localQuery(input.query, input.params ?? []);
      if (database !== 'local') {
        const url = URL.parse(database);
        if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')) {
          return { ok: false, error: 'database must be "local" or a postgres:// URL' };
        }
        shown = maskedUrl(url);
        query = () => queryPostgres(database, input.query, input.params ?? [],
          { timeoutMs: input.timeoutMs ?? 30_000, cancel: ctx.signal, readOnly: false });
      }
      let result: SqlTable;
      try {
        result = await query();
      } catch (error) {
        return { ok: false, error: `query on ${shown} failed: ${(error as Error).message}` };
      }
      const rowCount = result.rowCount ?? result.rows.length;
      for (const row of result.rows.slice(0, MAX_ROW_LINES)) ctx.output('stdout', JSON.stringify(row));
      ctx.log('info', `${rowCount} row${rowCount === 1 ? '' : 's'} from ${shown}`);
      return { ok: true, result: { fields: result.fields, rowCount, rows: result.rows.slice(0, 100) } };
    },
  };
}
