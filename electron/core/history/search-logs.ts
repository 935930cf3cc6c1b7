import type { LogSearchQuery, LogSearchResult } from '../../../shared/domain/log-search.ts';
import type { RunEvent } from '../../../shared/domain/run.ts';
import type { Store } from '../queue/store.ts';

/** Lines read one by one first (newest first): a common word fills the page from them. */
const SCAN_ROWS = 5_000;
/** Then windows of run ids, through the index: the first this wide, each next ten times wider. */
const FIRST_WINDOW = 2_000;
/** Statements one search makes at most; "more" continues from where it stopped. */
const MAX_STATEMENTS = 8;
/** Lines one statement returns at most: enough for the page twice over, at least 100, at most 1,000. A word on
 * every line of a big run fills it alone. */
const linesPerStatement = (runs: number, perRun: number) => Math.min(1_000, Math.max(100, runs * perRun * 2));

/**
 * Runs whose log lines match, newest run first, each with its newest matching lines (oldest of them first).
 * First the newest lines are read one by one (a common word is found there at once), then the older history in
 * windows of run ids through the index (a rare word's few lines, however old). Each step is one statement with
 * bounded work, whichever plan the database picks. `nextBefore`: pass it as `beforeRunId` for the next page.
 */
export async function searchLogs(store: Store, query: LogSearchQuery): Promise<LogSearchResult> {
  const limit = query.limit ?? 20;
  const perRun = query.linesPerRun ?? 3;
  const lines = linesPerStatement(limit, perRun);
  const words = await store.searchQuery(query.text);
  const found = new Map<number, RunEvent[]>();
  const seen = new Set<number>();
  const add = (batch: RunEvent[]) => {
    for (const line of batch) {
      if (seen.has(line.seq)) continue; // a run the scan read part of comes again in the first window
      seen.add(line.seq);
      found.set(line.runId, [...(found.get(line.runId) ?? []), line]);
    }
  };
  const base = { text: query.text, words, filter: query.filter ?? {}, lines };
  let upTo = query.beforeRunId !== undefined ? query.beforeRunId - 1 : await store.lastRunId();

  const scan = await store.scanLogLines({ ...base, afterRunId: 0, upToRunId: upTo, rows: SCAN_ROWS });
  add(scan.lines);
  // Enough lines: go on below the oldest run among them. The whole history read: done. Else from the run the
  // scan stopped in (its older lines are yet to be searched).
  upTo = scan.lines.length === lines ? scan.lines.at(-1)!.runId - 1 : scan.read < SCAN_ROWS ? 0 : scan.lastRunId!;

  let width = FIRST_WINDOW;
  for (let statements = 1; upTo > 0 && found.size <= limit && statements < MAX_STATEMENTS; statements++) {
    const after = Math.max(0, upTo - width);
    const batch = await store.searchLogWindow({ ...base, afterRunId: after, upToRunId: upTo });
    add(batch);
    if (batch.length === lines) {
      // The oldest run in the answer may have more matching lines; it has enough to show. Go on below it.
      upTo = batch.at(-1)!.runId - 1;
    } else {
      upTo = after;
      width *= 10;
    }
  }
  const ids = [...found.keys()].sort((a, b) => b - a).slice(0, limit);
  const runs = ids.length > 0 ? await store.getRuns(ids) : [];
  const hits = runs.map((run) => {
    const matched = found.get(run.id)!.sort((a, b) => b.seq - a.seq);
    return { run, lines: matched.slice(0, perRun).reverse(), moreLines: matched.length > perRun };
  });
  // More: runs found past the page (go on below its oldest), or history not searched yet (go on from there).
  const nextBefore = found.size > limit ? Math.min(...ids) : upTo > 0 ? upTo + 1 : null;
  return { hits, nextBefore };
}
