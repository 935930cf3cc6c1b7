import type { Lane, Run, RunEvent, RunFilter, RunStep, Session } from '../../shared/domain/run.ts';
import { startEmbeddedDatabase } from './db/embedded-database.ts';
import { defaultDataDir } from './db/data-dir.ts';
import { loadMigrations, migrate } from './db/migrate.ts';
import { openPostgres } from './db/postgres-sql.ts';
import { createEventBus, type EventListener } from './events/event-bus.ts';
import { DEFAULT_LANE_WORKER_URL, startLanePool, type LanePool, type WorkerInfo } from './lanes/lane-pool.ts';
import type { StoreAddress } from './lanes/store-address.ts';
import { planHash } from './plans/plan-hash.ts';
import { validatePlan } from './plans/validate-plan.ts';
import { DEFAULT_BACKOFF, type BackoffOptions } from './queue/backoff.ts';
import { sqlStore } from './queue/sql-store.ts';
import { STORE_METHODS, type Store } from './queue/store.ts';
import { connect } from './rpc/rpc.ts';
import { followRun } from './runs/follow-run.ts';

export { CoreError, type CoreErrorCode } from './errors.ts';
export { shellPlan } from './plans/shell-plan.ts';
export { defaultDataDir } from './db/data-dir.ts';
export type { WorkerInfo } from './lanes/lane-pool.ts';

export interface CoreOptions {
  /** The embedded database's folder (default: the app's data folder). Ignored with databaseUrl. */
  dataDir?: string;
  /** A shared PostgreSQL instead of the embedded database: the scale-out path past one machine. */
  databaseUrl?: string;
  lanes?: string[];
  workersPerLane?: number;
  /** False for a core that only reads and enqueues (no lane workers in this process). */
  runWorkers?: boolean;
  heartbeatMs?: number;
  /** A running run whose heartbeat is older than this is taken back and requeued. */
  reclaimAfterMs?: number;
  pollMs?: number;
  backoff?: BackoffOptions;
  /** Where the thread entries are: the .ts sources under Node, the bundled .js files under Electron. */
  workerUrls?: { db?: URL; lane?: URL };
  /** The folder of numbered SQL files; a bundled app passes where it shipped them. */
  migrationsDir?: string;
}

export interface EnqueueInput {
  plan: unknown;
  /** Names the plan's origin in error messages, e.g. the file it came from. */
  source?: string;
  title?: string;
  sessionId?: number | null;
  lane?: string;
  priority?: number;
  maxAttempts?: number;
  runAfter?: Date;
  input?: Record<string, unknown>;
  idempotencyKey?: string;
}

export interface Core {
  readonly mode: 'embedded' | 'postgres';
  readonly dataDir: string | null;
  sessions: {
    create(title: string): Promise<Session>;
    list(options?: { includeArchived?: boolean }): Promise<Session[]>;
    archive(id: number): Promise<Session>;
    restore(id: number): Promise<Session>;
  };
  lanes: {
    list(): Promise<Lane[]>;
    pause(name: string): Promise<Lane>;
    resume(name: string): Promise<Lane>;
  };
  runs: {
    enqueue(input: EnqueueInput): Promise<{ run: Run; created: boolean }>;
    get(id: number): Promise<{ run: Run; steps: RunStep[] }>;
    list(filter?: RunFilter): Promise<Run[]>;
    events(runId: number, afterSeq?: number, limit?: number): Promise<RunEvent[]>;
    cancel(id: number): Promise<Run>;
    counts(): Promise<Record<Run['status'], number>>;
    /** Every event of the run, stored then live; resolves with the run when it has ended. */
    follow(id: number, onEvent: (event: RunEvent) => void, options?: { signal?: AbortSignal }): Promise<Run>;
  };
  subscribe(listener: EventListener): () => void;
  workers(): WorkerInfo[];
  /** Stops claiming, lets running steps finish for up to graceMs (then requeues them), closes the database. */
  close(options?: { graceMs?: number }): Promise<void>;
}

const DEFAULT_LANES = ['A', 'B', 'C', 'D'];

export async function createCore(options: CoreOptions = {}): Promise<Core> {
  const heartbeatMs = options.heartbeatMs ?? 2000;
  const reclaimAfterMs = options.reclaimAfterMs ?? 10_000;
  const bus = createEventBus();
  const publish = (events: RunEvent[]) => bus.publish(events);

  let store: Store;
  let address: () => StoreAddress;
  let closeDatabase: () => Promise<void>;
  const dataDir = options.databaseUrl ? null : (options.dataDir ?? defaultDataDir());
  if (options.databaseUrl) {
    const url = options.databaseUrl;
    const sql = await openPostgres(url);
    await migrate(sql, await loadMigrations(options.migrationsDir));
    store = sqlStore(sql);
    address = () => ({ kind: 'postgres', url });
    closeDatabase = () => sql.close();
  } else {
    const db = await startEmbeddedDatabase(dataDir!, { workerUrl: options.workerUrls?.db, migrationsDir: options.migrationsDir });
    const client = connect<Store>(db.newPort(), STORE_METHODS);
    store = client;
    address = () => ({ kind: 'port', port: db.newPort() });
    closeDatabase = async () => {
      client.closePort();
      await db.close();
    };
    // The data-folder lock proves no other process runs workers on this database: whatever is still marked
    // running was interrupted when the previous process died. Take it back now, not after the timeout.
    publish((await store.reclaim({ olderThanMs: 0, reason: 'recovered: the process running it stopped' }))
      .flatMap((change) => change.events));
  }

  const lanes = options.lanes ?? DEFAULT_LANES;
  await store.ensureLanes(lanes);
  let pool: LanePool | null = null;
  if (options.runWorkers ?? true) {
    pool = startLanePool({
      lanes,
      workersPerLane: options.workersPerLane ?? 1,
      workerUrl: options.workerUrls?.lane ?? DEFAULT_LANE_WORKER_URL,
      address,
      heartbeatMs,
      pollMs: options.pollMs ?? 1000,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      publish,
      onCrash: async (workerId, error) => {
        publish((await store.reclaim({ workerIds: [workerId], reason: `its lane worker crashed: ${error}` }))
          .flatMap((change) => change.events));
      },
    });
  }
  const reclaimer = setInterval(() => {
    store.reclaim({ olderThanMs: reclaimAfterMs, reason: 'its worker stopped heartbeating' })
      .then((changes) => {
        publish(changes.flatMap((change) => change.events));
        if (changes.some((change) => change.run.status === 'queued')) pool?.wake();
      }, () => undefined); // the database is briefly unavailable: the next tick tries again
  }, heartbeatMs);
  reclaimer.unref();

  const setArchived = (id: number, archived: boolean) => store.setSessionArchived(id, archived);
  const setPaused = async (name: string, paused: boolean) => {
    const lane = await store.setLanePaused(name, paused);
    if (!paused) pool?.wake(name);
    return lane;
  };

  return {
    mode: options.databaseUrl ? 'postgres' : 'embedded',
    dataDir,
    sessions: {
      create: (title) => store.createSession(title),
      list: (opts = {}) => store.listSessions(opts),
      archive: (id) => setArchived(id, true),
      restore: (id) => setArchived(id, false),
    },
    lanes: {
      list: () => store.listLanes(),
      pause: (name) => setPaused(name, true),
      resume: (name) => setPaused(name, false),
    },
    runs: {
      async enqueue(input) {
        const plan = validatePlan(input.plan, input.source);
        const change = await store.enqueue({
          plan, planHash: planHash(plan), title: input.title ?? plan.name, sessionId: input.sessionId,
          lane: input.lane ?? 'auto', priority: input.priority, maxAttempts: input.maxAttempts,
          runAfter: input.runAfter, input: input.input, idempotencyKey: input.idempotencyKey,
        });
        publish(change.events);
        if (change.created) pool?.wake(change.run.lane);
        return { run: change.run, created: change.created };
      },
      get: (id) => store.getRun(id),
      list: (filter = {}) => store.listRuns(filter),
      events: (runId, afterSeq = 0, limit = 1000) => store.listEvents(runId, afterSeq, limit),
      async cancel(id) {
        const change = await store.cancel(id);
        publish(change.events);
        pool?.cancel(id);
        return change.run;
      },
      counts: () => store.countRuns(),
      follow: (id, onEvent, opts = {}) => followRun({ store, subscribe: bus.subscribe }, id, onEvent, opts),
    },
    subscribe: bus.subscribe,
    workers: () => pool?.workers() ?? [],
    async close(opts = {}) {
      clearInterval(reclaimer);
      await pool?.drain(opts.graceMs ?? 10_000);
      await closeDatabase();
    },
  };
}
