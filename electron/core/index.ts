import { join } from 'node:path';
import type { RunEvent } from '../../shared/domain/run.ts';
import type { Core } from './core.ts';
import { defaultDataDir } from './db/data-dir.ts';
import { openDatabase } from './db/open-database.ts';
import { createEventBus } from './events/event-bus.ts';
import { DEFAULT_LANE_WORKER_URL, startLanePool, type LanePool } from './lanes/lane-pool.ts';
import { compileApi } from './api/compile-api.ts';
import { mcpApi } from './api/mcp-api.ts';
import { commandsApi, plansApi } from './api/plans-api.ts';
import { artifactsApi, proofsApi } from './api/proofs-api.ts';
import { runsApi } from './api/runs-api.ts';
import { approvalsApi } from './api/approvals-api.ts';
import { DEFAULT_BACKOFF, type BackoffOptions } from './queue/backoff.ts';
import { superviseDatabase } from './health/database-recovery.ts';
import { createHealthMonitor } from './health/health-monitor.ts';
import { startSpecKitWriteBack } from './compile/spec-kit/write-back-hook.ts';
import type { BundledServerRuntime } from './mcp/desktop-commander/dc-server.ts';
import { createSecretStore } from './mcp/secret-store.ts';
import { DEFAULT_STOCK_SKILLS_DIR, startSkills, type SkillsApi } from './skills/skills-api.ts';
import { startNotifier } from './notify/notifier.ts';
import { startSchedules } from './schedules/schedules-api.ts';
import { retentionApi } from './retention/retention-api.ts';
import { startAutoPurge, type AutoPurgeOptions } from './retention/auto-purge.ts';
import { historyApi } from './history/history-api.ts';
import type { DesktopNotification } from './notify/notification-content.ts';
import type { WebhookTiming } from './notify/webhook.ts';

export { CoreError, type CoreErrorCode } from './errors.ts';
export { shellPlan } from './plans/shell-plan.ts';
export { defaultDataDir } from './db/data-dir.ts';
export { verifyProofBundle } from './proofs/verify-bundle.ts';
export { createIpcServer, type IpcConnection, type IpcServer } from './ipc/ipc-server.ts';
export type { Core } from './core.ts';
export type { BundledServerRuntime } from './mcp/desktop-commander/dc-server.ts';
export type { WorkerInfo } from './lanes/lane-pool.ts';
export type { HealthListener } from './health/health-monitor.ts';
export type { McpApi, McpImportOutcome } from './api/mcp-api.ts';
export type { ArtifactsApi, ProofsApi } from './api/proofs-api.ts';
export type { CommandsApi, PlansApi } from './api/plans-api.ts';
export type { CommandOptions, EnqueueInput, RerunInput, RunsApi } from './api/runs-api.ts';
export type { CompileApi, CompileOptions, RunTextOptions } from './api/compile-api.ts';
export type { ApprovalsApi, DecideInput } from './api/approvals-api.ts';
export type { CompileOutcome, CompileSource } from './compile/compile-input.ts';
export { missingMessage } from './compile/missing-message.ts';
export type { ActivityCounts } from './queue/store.ts';
export type { SkillsApi } from './skills/skills-api.ts';
export type { SchedulesApi } from './schedules/schedules-api.ts';
export type { RetentionApi } from './retention/retention-api.ts';
export type { HistoryApi } from './history/history-api.ts';
export { checkSkillFile, readSkillCatalogue } from './skills/skill-catalogue.ts';
export { SECRET_NAME, createSecretStore, type SecretStore } from './mcp/secret-store.ts';
export * from './notify/public.ts';

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
  /** The Node and the Desktop Commander copy a packaged app ships (default: this Node, node_modules). */
  bundledServers?: BundledServerRuntime;
  /** The stock skills' folder (default: the repository's resources/skills); a packaged app passes its copy.
   * The user's skills are in <dataDir>/skills. */
  stockSkillsDir?: string;
  // options, issue 8: schedules
  /** Schedules: `run` starts the scheduler (long-lived shells only: the app, serve, worker; never a one-shot CLI
   * command); `clock` replaces the wall clock (tests); `tickMs`: how often it looks for due slots (default 1000). */
  schedules?: { run?: boolean; clock?: { now(): Date }; tickMs?: number };
  // options, issue 8: retention and history
  /** Retention: `autoPurge` purges what the policy says is due once a day (long-lived shells only: the app, serve,
   * worker; never a one-shot CLI command); the rest tunes its timing (tests). */
  retention?: { autoPurge?: boolean } & AutoPurgeOptions;
  // options, issue 8: notifications
  /** Shows a native notification (the desktop app passes Electron's); without it none is shown. */
  notify?: (notification: DesktopNotification) => void;
  /** Webhook deliveries' time limit per try and waits between tries (default 5 s; 3 tries, 1 s and 3 s apart). */
  webhookTiming?: WebhookTiming;
}

const DEFAULT_LANES = ['A', 'B', 'C', 'D'];

export async function createCore(options: CoreOptions = {}): Promise<Core> {
  const heartbeatMs = options.heartbeatMs ?? 2000;
  const reclaimAfterMs = options.reclaimAfterMs ?? 10_000;
  const bus = createEventBus();
  const publish = (events: RunEvent[]) => bus.publish(events);
  const health = createHealthMonitor();

  const appDir = options.dataDir ?? defaultDataDir();
  const dataDir = options.databaseUrl ? null : appDir;
  const db = await openDatabase(options.databaseUrl
    ? { databaseUrl: options.databaseUrl, migrationsDir: options.migrationsDir }
    : { dataDir: appDir, dbWorkerUrl: options.workerUrls?.db, migrationsDir: options.migrationsDir });
  const { store } = db;
  const lanes = options.lanes ?? DEFAULT_LANES;
  const mcp = mcpApi(store, appDir, options.bundledServers);
  let skills: SkillsApi & { close(): void };
  try {
    if (!options.databaseUrl) {
      // The data-folder lock proves no other process runs workers on this database: whatever is still marked
      // running was interrupted when the previous process died. Take it back now, not after the timeout.
      publish((await store.reclaim({ olderThanMs: 0, reason: 'recovered: the process running it stopped' }))
        .flatMap((change) => change.events));
    }
    await store.ensureLanes(lanes);
    await mcp.registerDefaults();
    skills = await startSkills({
      stockDir: options.stockSkillsDir ?? DEFAULT_STOCK_SKILLS_DIR,
      userDir: join(appDir, 'skills'),
      save: (rows) => store.syncSkills(rows),
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  let pool: LanePool | null = null;
  // Ticks the tasks a Spec Kit run proved in its tasks.md when the run ends.
  const specKit = startSpecKitWriteBack({ store, subscribe: bus.subscribe, publish });
  const runs = runsApi({ store, registry: mcp.registry, lanes, publish, subscribe: bus.subscribe, pool: () => pool, secrets: mcp.secrets });
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
        // If the database cannot answer now, the heartbeat timeout takes the runs back later.
        const changes = await store.reclaim({ workerIds: [workerId], reason: `its lane worker crashed: ${error}` }).catch(() => []);
        publish(changes.flatMap((change) => change.events));
        // Stopped by force while the app shuts down, it is not replaced: nothing to tell.
        if (!closing) {
          health.report({ component: 'lane-worker', worker: workerId, error, state: 'recovered', requeuedRunIds: changes.map((c) => c.run.id) });
        }
      },
    });
  }
  // start, issue 8: approvals
  // start, issue 8: schedules
  const scheduleSecrets = createSecretStore(appDir);
  const schedules = startSchedules({
    store, runs, skills, secrets: scheduleSecrets, embedded: !options.databaseUrl, ...options.schedules,
    compile: compileApi({ store, runs, skills, secrets: scheduleSecrets, dataDir: appDir }),
  });
  // start, issue 8: retention and history
  const retention = retentionApi(store, appDir, mcp.secrets);
  const autoPurge = options.retention?.autoPurge
    ? startAutoPurge({ purge: retention.purge, lastPurge: () => store.lastPurge() }, options.retention) : null;
  // start, issue 8: notifications
  const notifier = startNotifier({ store, subscribe: bus.subscribe, publish, secrets: createSecretStore(appDir), desktop: options.notify, timing: options.webhookTiming });
  const supervisor = db.thread && superviseDatabase({ thread: db.thread, store, pool: () => pool, publish, health, dataDir: appDir });
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
      rename: (id, title) => store.renameSession(id, title),
    },
    lanes: {
      served: lanes,
      list: () => store.listLanes(),
      pause: (name) => setPaused(name, true),
      resume: (name) => setPaused(name, false),
    },
    runs,
    plans: plansApi(store, mcp.registry),
    commands: commandsApi(store),
    mcp,
    proofs: proofsApi(store),
    artifacts: artifactsApi(store),
    skills,
    compile: compileApi({ store, runs, skills, secrets: createSecretStore(appDir), dataDir: appDir }),
    // api, issue 8: approvals
    approvals: approvalsApi(store),
    // api, issue 8: schedules
    schedules: schedules.api,
    // api, issue 8: retention and history
    retention,
    history: historyApi(store),
    // api, issue 8: notifications
    subscribe: bus.subscribe,
    health: health.state,
    onHealth: health.subscribe,
    workers: () => pool?.workers() ?? [],
    close(opts = {}) {
      const graceMs = opts.graceMs ?? 10_000;
      // A second call (a second Ctrl-C) does not start over: it shortens the grace of the drain under way.
      if (closing) {
        void pool?.drain(graceMs);
        return closing;
      }
      clearInterval(reclaimer);
      // stop, issue 8: schedules
      void schedules.stop(); // a tick under way ends on its own; a slot it leaves 'firing' is finished at the next start
      // stop, issue 8: retention and history
      void autoPurge?.stop(); // stops before its next batch; the database close waits for the statement under way
      // stop, issue 8: notifications
      supervisor?.stop();
      skills.close();
      closing = (async () => {
        await pool?.drain(graceMs);
        await specKit.stop(); // after the drain: runs ending during it are written back too
        await notifier.stop(); // likewise told of; before the close, which their log lines need
        await db.close();
      })();
      return closing;
    },
  };
}
