import { migrate } from '../../electron/core/db/migrate.ts';
import { openPostgres } from '../../electron/core/db/postgres-sql.ts';
import type { Sql } from '../../electron/core/db/sql.ts';
import { sqlStore } from '../../electron/core/queue/sql-store.ts';
import { measureEvents } from './events.ts';
import { pgliteDirect } from './queue-pglite.ts';
import { oursOnPostgres } from './queue-postgres.ts';
import { seedEventRun } from './seed.ts';
import { request } from '../helpers/plans.ts';
import { fmt, median, now, pct, progress, rounds, table } from './stats.ts';

/** What migration 0010 adds to the tables every enqueue, claim, finish and output line writes. */
const ISSUE_8_INDEXES = ['runs_unsuccessful_idx', 'run_events_search_idx', 'proofs_recheck_of_idx', 'proofs_artifact_idx'];
const ISSUE_8_TRIGGERS = ['runs_search_insert', 'runs_search_update'];

const dropIndexes = async (sql: Sql) => {
  for (const name of ISSUE_8_INDEXES) await sql.exec(`DROP INDEX ${name}`);
  for (const name of ISSUE_8_TRIGGERS) await sql.exec(`DROP TRIGGER ${name} ON runs`);
};

interface Side {
  runsPerSec: number[];
  /** Store.enqueue, one run per call, runs/s: the insert trigger that fills run_search runs here. */
  enqueue: number[];
  eventsBatched: number[];
  eventsSingle: number[];
}

export interface IndexCost {
  runs: number;
  pglite: { with: Side; without: Side };
  postgres: { with: number[]; without: number[] };
  /** WAL bytes per claimed and finished run on PostgreSQL: what the statements write, free of the machine's noise. */
  postgresWal: { with: number[]; without: number[] };
}

const side = (): Side => ({ runsPerSec: [], enqueue: [], eventsBatched: [], eventsSingle: [] });
const ENQUEUES = 2_000;

/**
 * What the new indexes cost the hot paths, measured in the same run: claim + finish of empty runs (8 claimers)
 * and event appends, on a database migrated as shipped and on one without the issue-8 indexes, rounds
 * interleaved so neither always runs on a warmer machine.
 */
export async function measureIndexCost(options: { runs: number; rounds: number; openPglite(): Promise<Sql>; postgresUrl(name: string): string }):
  Promise<IndexCost> {
  const cost: IndexCost = {
    runs: options.runs, pglite: { with: side(), without: side() }, postgres: { with: [], without: [] }, postgresWal: { with: [], without: [] },
  };
  const withUrl = options.postgresUrl('history_cost_with');
  const withoutUrl = options.postgresUrl('history_cost_without');
  const admins = { with: await openPostgres(withUrl, 1), without: await openPostgres(withoutUrl, 1) };
  try {
    await migrate(admins.with);
    await migrate(admins.without);
    await dropIndexes(admins.without);
    for (let round = 0; round < options.rounds; round++) {
      const order = round % 2 ? (['without', 'with'] as const) : (['with', 'without'] as const);
      for (const which of order) {
        progress(`history: index cost, round ${round + 1}/${options.rounds}, ${which} the indexes`);
        const sql = await options.openPglite();
        try {
          await migrate(sql);
          if (which === 'without') await dropIndexes(sql);
          const into = cost.pglite[which];
          into.runsPerSec.push((await pgliteDirect(sql, options.runs)).runsPerSec);
          const events = await measureEvents(sqlStore(sql), await seedEventRun(sql), 50_000, 2_000);
          into.eventsBatched.push(events.batched);
          into.eventsSingle.push(events.single);
          const store = sqlStore(sql);
          const t0 = now();
          for (let i = 0; i < ENQUEUES; i++) await store.enqueue(request({ title: `nightly backup db-${i % 37}` }));
          into.enqueue.push(ENQUEUES / ((now() - t0) / 1000));
        } finally {
          await sql.close();
        }
        const url = which === 'with' ? withUrl : withoutUrl;
        const onPostgres = await oursOnPostgres(admins[which], url, options.runs * 2, null, openPostgres);
        cost.postgres[which].push(onPostgres.runsPerSec);
        cost.postgresWal[which].push(onPostgres.walPerRun ?? NaN);
      }
    }
  } finally {
    await admins.with.close();
    await admins.without.close();
  }
  return cost;
}

export function printIndexCost(cost: IndexCost): void {
  const change = (withIt: number[], without: number[]) => pct(median(withIt) / median(without) - 1);
  console.log(`\nWhat the indexes cost (same run, ${cost.pglite.with.runsPerSec.length} interleaved rounds; empty runs, 8 claimers): ` +
    `claim + finish of ${fmt(cost.runs)} runs on PGlite (${fmt(cost.runs * 2)} on PostgreSQL), and event appends on PGlite`);
  const p = cost.pglite;
  table(['measure', 'with the indexes', 'without', 'change'], [
    ['PGlite claim + finish, runs/s', rounds(p.with.runsPerSec), rounds(p.without.runsPerSec), change(p.with.runsPerSec, p.without.runsPerSec)],
    ['PostgreSQL 15 claim + finish, runs/s', rounds(cost.postgres.with), rounds(cost.postgres.without), change(cost.postgres.with, cost.postgres.without)],
    ['PostgreSQL 15 claim + finish, WAL bytes/run', rounds(cost.postgresWal.with), rounds(cost.postgresWal.without),
      change(cost.postgresWal.with, cost.postgresWal.without)],
    ['PGlite enqueue, runs/s (one per call)', rounds(p.with.enqueue), rounds(p.without.enqueue), change(p.with.enqueue, p.without.enqueue)],
    ['PGlite events/s, batched writer', rounds(p.with.eventsBatched), rounds(p.without.eventsBatched), change(p.with.eventsBatched, p.without.eventsBatched)],
    ['PGlite events/s, one per call', rounds(p.with.eventsSingle), rounds(p.without.eventsSingle), change(p.with.eventsSingle, p.without.eventsSingle)],
  ]);
}
