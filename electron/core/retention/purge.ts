import type { PurgeReport } from '../../../shared/domain/retention.ts';
import type { Store } from '../queue/store.ts';
import type { PurgeCounts, RetentionRules } from '../queue/statements/retention.ts';
import type { PurgedTable } from '../queue/statements/retention-upkeep.ts';
import { deleteUnreferencedSecrets } from './purge-secrets.ts';

export interface PurgeOptions {
  dryRun?: boolean;
  /** Stop starting batches after this long (the next purge goes on); vacuuming afterwards is not counted. */
  budgetMs?: number;
  /** What one batch should take: batch sizes follow the measured pace so the database is held about this long. */
  batchMs?: number;
  signal?: AbortSignal;
}

export const DEFAULT_BUDGET_MS = 60_000;
const DEFAULT_BATCH_MS = 100;
/** The first batch's size, and the bounds sizes are adapted within (runs; events are EVENTS_PER_RUN times as many). */
const FIRST_RUNS = 50;
const MIN_RUNS = 5;
const MAX_RUNS = 5_000;
const EVENTS_PER_RUN = 50;
/** Ids one statement looks at: a purge walks the whole table once, never in one long statement. */
const SPAN = 20_000;
/** A dry run counts every due run's events in one statement per span: a narrower one keeps it short. */
const DRY_SPAN = 5_000;
/** A table that lost at least this many rows and at least as many as it kept is rewritten (VACUUM FULL). */
const COMPACT_MIN_ROWS = 10_000;

const emptyCounts = () => ({ runsDeleted: 0, runsTrimmed: 0, events: 0, artifacts: 0, proofs: 0, steps: 0 });

/**
 * Purges what the rules say is due, in batches of one short transaction each, oldest runs first, until done or
 * the budget is spent; then deletes the secret files of the deleted runs, vacuums what changed and reports.
 * `sessionOverrides` is only reported. Nothing happens without a rule (null runsDays and no session period).
 */
export async function purge(store: Store, secrets: { delete(name: string): Promise<boolean> }, rules: RetentionRules,
  sessionOverrides: number, options: PurgeOptions = {}): Promise<PurgeReport> {
  const started = performance.now();
  const startedAt = new Date();
  const budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const batchMs = options.batchMs ?? DEFAULT_BATCH_MS;
  const sizeBefore = await store.databaseSize();
  // Read before deleting: the statistics of what the batches delete are not current until later.
  const rowsBefore = options.dryRun ? null : await store.liveRows();
  const counts = emptyCounts();
  const secretNames = new Set<string>();
  let batches = 0;
  let maxBatchMs = 0;
  let complete = true;
  const active = rules.runsDays !== null || sessionOverrides > 0;
  if (active) {
    let runs = FIRST_RUNS;
    for (let afterId = 0, lastId = Infinity; afterId < lastId;) {
      if (performance.now() - started >= budgetMs || options.signal?.aborted) {
        complete = false;
        break;
      }
      const t0 = performance.now();
      let batch: PurgeCounts;
      if (options.dryRun) {
        batch = await store.countPurgeable({ ...rules, afterId, span: DRY_SPAN });
        afterId += DRY_SPAN;
      } else {
        const done = await store.purgeBatch({ ...rules, afterId, span: SPAN, runs, events: runs * EVENTS_PER_RUN });
        done.secretNames.forEach((name) => secretNames.add(name));
        afterId = done.cursor;
        batch = done;
      }
      const ms = performance.now() - t0;
      batches++;
      maxBatchMs = Math.max(maxBatchMs, ms);
      for (const key of Object.keys(counts) as (keyof typeof counts)[]) counts[key] += batch[key];
      lastId = batch.lastId;
      // Next size from this batch's pace: halve at most, double at most, so one odd batch does not swing it.
      runs = Math.round(Math.min(MAX_RUNS, Math.max(MIN_RUNS, runs * Math.min(2, Math.max(0.5, batchMs / Math.max(ms, 1))))));
    }
  }
  const secretFiles = await deleteUnreferencedSecrets(store, secrets, [...secretNames]);
  const vacuum = rowsBefore ? await vacuumChanged(store, counts, rowsBefore) : null;
  return {
    dryRun: options.dryRun ?? false, startedAt, complete, ...counts, secretFiles, batches, maxBatchMs, vacuum,
    policy: { runsDays: rules.runsDays, proofsDays: rules.proofsDays, sessionOverrides },
    sizeBefore, sizeAfter: options.dryRun ? sizeBefore : await store.databaseSize(), durationMs: performance.now() - started,
  };
}

/** VACUUM (ANALYZE) each table the purge changed; VACUUM FULL those that lost at least half their rows. */
async function vacuumChanged(store: Store, counts: ReturnType<typeof emptyCounts>, before: Record<PurgedTable, number>):
  Promise<PurgeReport['vacuum']> {
  const removed: Partial<Record<PurgedTable, number>> = {};
  if (counts.events) removed.run_events = counts.events;
  if (counts.runsDeleted || counts.runsTrimmed) {
    removed.runs = counts.runsDeleted + counts.runsTrimmed; // a trimmed run's update leaves a dead row too
  }
  if (counts.steps) removed.run_steps = counts.steps;
  if (counts.proofs) removed.proofs = counts.proofs;
  if (counts.artifacts) removed.artifacts = counts.artifacts;
  const tables = Object.keys(removed) as PurgedTable[];
  if (tables.length === 0) return null;
  const t0 = performance.now();
  const compacted = tables.filter((t) => removed[t]! >= COMPACT_MIN_ROWS && removed[t]! * 2 >= before[t]);
  await store.vacuumTables(tables, compacted);
  return { tables, compacted, ms: performance.now() - t0 };
}
