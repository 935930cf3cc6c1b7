import type { SqlVerifier } from '../../../shared/ir/verifier.ts';
import { maskedUrl } from '../db/masked-url.ts';
import { queryPostgres, type SqlTable } from '../db/postgres-query.ts';
import { jsonValue, sqlValueEquals } from './sql-value.ts';
import type { VerifierModule, VerifierOutcome, VerifyContext } from './verifier.ts';

const DEFAULT_TIMEOUT_MS = 30_000;
const EVIDENCE_ROWS = 20;
const EVIDENCE_CELL_BYTES = 1024;

const fail = (summary: string, evidence: Record<string, unknown>): VerifierOutcome => ({ passed: false, summary, evidence });

/**
 * The app's own database through ctx.localSql, which takes no signal: the race returns the verdict on time
 * (timeout or cancel) even though the read-only query itself is left to finish.
 */
function queryLocal(ctx: VerifyContext, query: string, params: unknown[], timeoutMs: number): Promise<SqlTable> {
  const limit = AbortSignal.any([AbortSignal.timeout(timeoutMs), ctx.signal]);
  return new Promise((resolve, reject) => {
    const stop = () => reject(new Error(ctx.signal.aborted ? 'cancelled' : `no result within ${timeoutMs} ms`));
    if (limit.aborted) return stop();
    limit.addEventListener('abort', stop, { once: true });
    Promise.resolve()
      .then(() => ctx.localSql(query, params))
      .then(resolve, reject)
      .finally(() => limit.removeEventListener('abort', stop));
  });
}

export const sqlVerifier: VerifierModule<SqlVerifier> = {
  kind: 'sql',
  async verify(config, ctx) {
    const { query } = config;
    const params = config.params ?? [];
    const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const target = config.database ?? 'local';
    let database = 'local';
    let run = () => queryLocal(ctx, query, params, timeoutMs);
    if (target !== 'local') {
      let url: URL | null = null;
      try {
        url = new URL(target);
      } catch {
        // the string may hold a password, so it is not repeated
      }
      if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')) {
        return fail(`sql verifier: database must be 'local' or a postgres:// URL`, { query, params, database: null });
      }
      database = maskedUrl(url);
      run = () => queryPostgres(target, query, params, { timeoutMs, cancel: ctx.signal, readOnly: true });
    }
    const base = { query, params, database };
    let table: SqlTable;
    try {
      table = await run();
    } catch (error) {
      const message = ctx.signal.aborted ? 'cancelled' : (error as Error).message;
      return fail(`SQL on ${database} failed: ${message}`, { ...base, error: message });
    }
    const rowCount = table.rowCount ?? table.rows.length;
    const value = rowCount > 0 && table.rows[0]!.length > 0 ? jsonValue(table.rows[0]![0]) : null;
    const problems: string[] = [];
    if (config.expectRows !== undefined && rowCount !== config.expectRows) problems.push(`${rowCount} rows, expected ${config.expectRows}`);
    if (config.expectValue !== undefined) {
      if (rowCount === 0) problems.push(`no rows, expected a first value of ${JSON.stringify(config.expectValue)}`);
      else if (!sqlValueEquals(value, config.expectValue)) {
        problems.push(`first value is ${JSON.stringify(value)}, expected ${JSON.stringify(config.expectValue)}`);
      }
    }
    if (config.expectRows === undefined && config.expectValue === undefined && rowCount === 0) problems.push('no rows, expected at least one');
    const evidence = {
      ...base,
      rowCount,
      fields: table.fields,
      rows: table.rows.slice(0, EVIDENCE_ROWS).map((row) => row.map((cell) => jsonValue(cell, EVIDENCE_CELL_BYTES))),
      value: jsonValue(value, EVIDENCE_CELL_BYTES),
    };
    if (problems.length) return fail(`SQL on ${database}: ${problems.join('; ')}`, evidence);
    const shown = config.expectValue !== undefined ? `, first value ${JSON.stringify(value)}` : '';
    return { passed: true, summary: `SQL on ${database}: ${rowCount} row${rowCount === 1 ? '' : 's'}${shown}`, evidence };
  },
};
