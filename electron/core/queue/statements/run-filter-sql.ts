import type { z } from 'zod';
import { RunStatusSchema, type RunFilterSchema } from '../../../../shared/domain/run.ts';
import type { Sql } from '../../db/sql.ts';

type Filter = Omit<z.output<typeof RunFilterSchema>, 'limit'>;

/** Runs enqueued in the same instant may be numbered out of order; date bounds on ids are widened by this. */
const ID_BOUND_MARGIN = "interval '10 minutes'";

const escapeLike = (text: string): string => text.replaceAll(/[\\%_]/g, (c) => `\\${c}`);

/**
 * What a person typed as a full text query (search_query, migration 0010): "" when it has no word (`%`, `->`),
 * which is then matched as typed only. Asked once, then bound as a tsquery parameter: written as
 * `search_query($n)` in a statement, PostgreSQL's generic plan of it would compute the query again for every
 * row it filters.
 */
export async function searchQuery(sql: Sql, text: string): Promise<string> {
  const { rows } = await sql.query<{ q: string }>('SELECT search_query($1)::text AS q', [text]);
  return rows[0]!.q;
}

/** A LIKE pattern that finds `text` as typed, case-insensitively, anywhere ("%" and "_" literal). */
export const containsPattern = (text: string): string => `%${escapeLike(text)}%`;

/**
 * The WHERE conditions of a run filter on table `runs` (as `r`), each value a bound parameter pushed onto
 * `params`; `words`: the text's searchQuery. Every condition can be read through an index (history-plans.test.ts checks the plans at 100,000 runs):
 * - status: literals (a closed set), so PostgreSQL can prove a partial index applies (runs_unsuccessful_idx,
 *   the queue's) even in a prepared statement's generic plan;
 * - text: the words in run_search (each typed word starts a word of the title or error), then the text as typed
 *   (as before: "PORT 80" finds "port 80 busy", "50%" is literal); text without words is matched as typed only;
 * - since/until: an id range (run_id_at bisects the primary key, ids follow creation) and the exact times.
 */
export function runFilterWhere(filter: Filter, params: unknown[], words = ''): string[] {
  const where: string[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.status?.length) where.push(`r.status IN (${[...new Set(filter.status)].map((s) => `'${RunStatusSchema.parse(s)}'`).join(', ')})`);
  if (filter.lane?.length) where.push(`r.lane = ANY(${param(filter.lane)}::text[])`);
  if (filter.sessionId !== undefined) where.push(`r.session_id = ${param(filter.sessionId)}`);
  if (filter.text) {
    // The matching ids first (run_search_words_idx), then those runs by key: as `IN (SELECT …)` a common word
    // made the planner hash-join a scan of every run (74 ms against 11 ms at 100,000 runs).
    if (words) where.push(`r.id = ANY(ARRAY(SELECT s.run_id FROM run_search s WHERE s.words @@ ${param(words)}::tsquery))`);
    const like = param(containsPattern(filter.text));
    where.push(`(r.title ILIKE ${like} OR r.error ILIKE ${like})`);
  }
  if (filter.since) {
    const since = param(filter.since);
    where.push(`r.id >= run_id_at(${since}::timestamptz - ${ID_BOUND_MARGIN})`, `r.created_at >= ${since}`);
  }
  if (filter.until) {
    const until = param(filter.until);
    where.push(`r.id < run_id_at(${until}::timestamptz + ${ID_BOUND_MARGIN})`, `r.created_at < ${until}`);
  }
  return where;
}
