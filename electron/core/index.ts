import type { Lane, Run, RunEvent, RunFilter, RunStep, Session } from '../../shared/domain/run.ts';
import type { ParamValue } from '../../shared/ir/params.ts';
import { defaultDataDir } from './db/data-dir.ts';
import { openDatabase } from './db/open-database.ts';
import { createEventBus, type EventListener } from './events/event-bus.ts';
import { DEFAULT_LANE_WORKER_URL, startLanePool, type LanePool, type WorkerInfo } from './lanes/lane-pool.ts';
import { mcpApi, type McpApi } from './api/mcp-api.ts';
import { proofsApi, type ProofsApi } from './api/proofs-api.ts';
import { bindParams } from './plans/bind-params.ts';
import { checkTools } from './plans/check-tools.ts';
import { planHash } from './plans/plan-hash.ts';
import { validatePlan } from './plans/validate-plan.ts';
import { DEFAULT_BACKOFF, type BackoffOptions } from './queue/backoff.ts';
import { followRun } from './runs/follow-run.ts';

export { CoreError, type CoreErrorCode } from './errors.ts';
export { shellPlan } from './plans/shell-plan.ts';
export { defaultDataDir } from './db/data-dir.ts';
export { verifyProofBundle } from './proofs/verify-bundle.ts';
export type { WorkerInfo } from './lanes/lane-pool.ts';
export type { McpApi } from './api/mcp-api.ts';
export type { ProofsApi } from './api/proofs-api.ts';

export interface CoreOptions {
  /** The app's data folder (default: the platform's): the embedded database, secrets, MCP servers' homes.
   * With databaseUrl it still holds the local files; the database is the shared one. */
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
  /** Values for the plan's parameters (defaults fill the rest); stored with the run. */
  params?: Record<string, ParamValue>;
  /** The values are text from a command line (`--param k=v`), converted to each parameter's type. */
  paramsAreText?: boolean;
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
    /** The lanes this core's workers serve (and 'auto' picks from). */
    readonly served: readonly string[];
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
    /** Runs by status, over the given lanes or all. */
    counts(lanes?: string[]): Promise<Record<Run['status'], number>>;
    /** Every event of the run, stored then live; resolves with the run when it has ended. */
    follow(id: number, onEvent: (event: RunEvent) => void, options?: { signal?: AbortSignal }): Promise<Run>;
  };
  mcp: McpApi;
  proofs: ProofsApi;
  subscribe(listener: EventListener): () => void;
  workers(): WorkerInfo[];
  /** Stops claiming, lets running steps finish for up to graceMs (then requeues them), closes the database.
   * Called again while closing, it only shortens the grace (0: stop running steps now). */
  close(options?: { graceMs?: number }): Promise<void>;
}

const DEFAULT_LANES = ['A', 'B', 'C', 'D'];

export async function createCore(options: CoreOptions = {}): Promise<Core> {
  const heartbeatMs = options.heartbeatMs ?? 2000;
  const reclaimAfterMs = options.reclaimAfterMs ?? 10_000;
  const bus = createEventBus();
  const publish = (events: RunEvent[]) => bus.publish(events);

  const appDir = options.dataDir ?? defaultDataDir();
  const dataDir = options.databaseUrl ? null : appDir;
  const db = await openDatabase(options.databaseUrl
    ? { databaseUrl: options.databaseUrl, migrationsDir: options.migrationsDir }
    : { dataDir: appDir, dbWorkerUrl: options.workerUrls?.db, migrationsDir: options.migrationsDir });
  const { store } = db;
  const lanes = options.lanes ?? DEFAULT_LANES;
  const mcp = mcpApi(store, appDir);
  try {
    if (!options.databaseUrl) {
      // The data-folder lock proves no other process runs workers on this database: whatever is still marked
      // running was interrupted when the previous process died. Take it back now, not after the timeout.
      publish((await store.reclaim({ olderThanMs: 0, reason: 'recovered: the process running it stopped' }))
        .flatMap((change) => change.events));
    }
    await store.ensureLanes(lanes);
    await mcp.registerDefaults();
  } catch (error) {
    await db.close();
    throw error;
  }
  let pool: LanePool | null = null;
  if (options.runWorkers ?? true) {
    pool = startLanePool({
      lanes,
      workersPerLane: options.workersPerLane ?? 1,
      workerUrl: options.workerUrls?.lane ?? DEFAULT_LANE_WORKER_URL,
      address: db.address,
      appDir,
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

  let closing: Promise<void> | null = null;
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
      served: lanes,
      list: () => store.listLanes(),
      pause: (name) => setPaused(name, true),
      resume: (name) => setPaused(name, false),
    },
    runs: {
      async enqueue(input) {
        const plan = validatePlan(input.plan, input.source);
        const params = bindParams(plan.params, input.params ?? {}, { fromStrings: input.paramsAreText });
        await checkTools(plan, mcp.registry, input.source);
        const change = await store.enqueue({
          plan, planHash: planHash(plan), title: input.title ?? plan.name, sessionId: input.sessionId,
          lane: input.lane ?? 'auto', autoLanes: lanes, priority: input.priority, maxAttempts: input.maxAttempts,
          runAfter: input.runAfter, input: params, idempotencyKey: input.idempotencyKey,
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
      counts: (onLanes) => store.countRuns(onLanes),
      follow: (id, onEvent, opts = {}) => followRun({ store, subscribe: bus.subscribe }, id, onEvent, opts),
    },
    mcp,
    proofs: proofsApi(store),
    subscribe: bus.subscribe,
    workers: () => pool?.workers() ?? [],
    close(opts = {}) {
      const graceMs = opts.graceMs ?? 10_000;
      // A second call (a second Ctrl-C) does not start over: it shortens the grace of the drain under way.
      if (closing) {
        void pool?.drain(graceMs);
        return closing;
      }
      clearInterval(reclaimer);
      closing = (async () => {
        await pool?.drain(graceMs);
        await db.close();
      })();
      return closing;
    },
  };
}
