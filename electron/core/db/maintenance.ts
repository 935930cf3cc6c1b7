import type { Sql } from './sql.ts';

/**
 * What PostgreSQL's background processes would do, and PGlite's single-user mode never does (pglite-facts Q1,
 * Q2): without CHECKPOINT pg_wal grew to 352 MB and reopening after a kill replayed 1.7 s of WAL (about 90 MB
 * and 0.2 s with one every 100k rows); autovacuum never runs, so dead rows of the hot tables pile up.
 */
const CHECKPOINT_EVERY_MS = 60_000;
const VACUUM_AFTER_WRITES = 20_000;
const WRITES = new Set(['enqueue', 'claim', 'heartbeat', 'startStep', 'finishStep', 'finishRun', 'finishAndClaim', 'cancel', 'reclaim', 'appendEvents']);

export function startMaintenance(sql: Sql) {
  let writesSinceCheckpoint = 0;
  let writesSinceVacuum = 0;
  let busy = false;
  const timer = setInterval(async () => {
    if (busy || writesSinceCheckpoint === 0) return;
    busy = true;
    try {
      writesSinceCheckpoint = 0;
      await sql.exec('CHECKPOINT');
      if (writesSinceVacuum >= VACUUM_AFTER_WRITES) {
        writesSinceVacuum = 0;
        // separate statements: VACUUM cannot run inside the implicit transaction of a multi-statement exec
        await sql.exec('VACUUM (ANALYZE) runs');
        await sql.exec('VACUUM (ANALYZE) run_steps');
        await sql.exec('ANALYZE run_events');
      }
    } catch {
      // maintenance is best effort; the next tick tries again
    } finally {
      busy = false;
    }
  }, CHECKPOINT_EVERY_MS);
  timer.unref();
  return {
    noteCall(method: string): void {
      if (!WRITES.has(method)) return;
      writesSinceCheckpoint++;
      writesSinceVacuum++;
    },
    stop: () => clearInterval(timer),
  };
}
