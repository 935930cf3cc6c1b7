import { TERMINAL_STATUSES, type Run, type RunEvent, type RunFilter, type RunStep } from '../../../shared/domain/run.ts';
import { isSecretMarker, type SecretMarker } from '../../../shared/domain/secret-marker.ts';
import type { StepProgress } from '../../../shared/ipc/methods/runs.ts';
import type { RunCounts } from '../../../shared/ipc/methods/sessions.ts';
import type { ParamValue } from '../../../shared/ir/params.ts';
import { CoreError } from '../errors.ts';
import type { EventListener } from '../events/event-bus.ts';
import type { LanePool } from '../lanes/lane-pool.ts';
import type { SecretStore } from '../mcp/secret-store.ts';
import { bindParams } from '../plans/bind-params.ts';
import { checkTools, type ToolRegistry } from '../plans/check-tools.ts';
import { planHash } from '../plans/plan-hash.ts';
import { shellPlan } from '../plans/shell-plan.ts';
import { validatePlan } from '../plans/validate-plan.ts';
import type { ActivityCounts, Store } from '../queue/store.ts';
import { followRun } from '../runs/follow-run.ts';
import { storeSecretParams } from '../runs/secret-params.ts';

export interface EnqueueInput {
  plan: unknown;
  /** Names the plan's origin in error messages, e.g. the file it came from. */
  source?: string;
  /** 'command' for the one-step plan of a typed shell command: kept out of the plan list. Default 'plan'. */
  kind?: 'plan' | 'command';
  title?: string;
  sessionId?: number | null;
  lane?: string;
  priority?: number;
  maxAttempts?: number;
  runAfter?: Date;
  /** Values for the plan's parameters (defaults fill the rest); stored with the run, except secrets' values,
   * which go to the secret store (the run keeps a marker naming the entry). */
  params?: Record<string, ParamValue>;
  /** The values are text from a command line (`--param k=v`), converted to each parameter's type. */
  paramsAreText?: boolean;
  idempotencyKey?: string;
}

export interface CommandOptions {
  sessionId?: number | null;
  /** A lane name, or 'auto' (the default). */
  lane?: string;
  cwd?: string;
  timeoutMs?: number;
}

export interface RunsApi {
  enqueue(input: EnqueueInput): Promise<{ run: Run; created: boolean }>;
  /** A typed shell command as a one-step plan proven by exit code 0, remembered as a recent command. */
  runCommand(command: string, options?: CommandOptions): Promise<Run>;
  /** Queues a finished run's plan again: same input, title, session, lane, priority and attempts (secret
   * parameters: the same stored values, while they are stored). */
  retry(id: number): Promise<Run>;
  get(id: number): Promise<{ run: Run; steps: RunStep[] }>;
  list(filter?: RunFilter): Promise<Run[]>;
  /** Each run's steps counted, for a page of runs in one query. */
  progress(runIds: number[]): Promise<Map<number, StepProgress>>;
  events(runId: number, afterSeq?: number, limit?: number): Promise<RunEvent[]>;
  cancel(id: number): Promise<Run>;
  /** Runs by status, over the given lanes or all. */
  counts(lanes?: string[]): Promise<RunCounts>;
  /** Runs by status for each given session / lane; every one asked for is in the map. */
  countsBySession(sessionIds: number[]): Promise<Map<number, RunCounts>>;
  countsByLane(lanes: string[]): Promise<Map<string, RunCounts>>;
  /** Running and queued runs, and how many of those created since `failedSince` failed (a window: an
   * all-time count would only grow). */
  activity(options: { failedSince: Date }): Promise<ActivityCounts>;
  /** Every event of the run, stored then live; resolves with the run when it has ended. */
  follow(id: number, onEvent: (event: RunEvent) => void, options?: { signal?: AbortSignal }): Promise<Run>;
}

export interface RunsDeps {
  store: Store;
  registry: ToolRegistry;
  /** The lanes 'auto' picks from. */
  lanes: readonly string[];
  publish(events: RunEvent[]): void;
  subscribe(listener: EventListener): () => void;
  /** The lane workers of this process, if any (they start after the API is built). */
  pool(): LanePool | null;
  /** Where secret parameters' values go (the one store of the process: its writes are serialised). */
  secrets: Pick<SecretStore, 'set' | 'delete'>;
}

export function runsApi({ store, registry, lanes, publish, subscribe, pool, secrets }: RunsDeps): RunsApi {
  /** `kept`: secret parameters already in the secret store (a retry), bound as they are. */
  const enqueueWith = async (input: EnqueueInput, kept: Record<string, SecretMarker> = {}) => {
    const plan = validatePlan(input.plan, input.source);
    const declared = plan.params && Object.fromEntries(Object.entries(plan.params).filter(([name]) => !Object.hasOwn(kept, name)));
    const params = bindParams(declared, input.params ?? {}, { fromStrings: input.paramsAreText });
    await checkTools(plan, registry, input.source);
    const stored = await storeSecretParams(plan, params, secrets);
    let change;
    try {
      change = await store.enqueue({
        plan, planHash: planHash(plan), kind: input.kind, title: input.title ?? plan.name, sessionId: input.sessionId,
        lane: input.lane ?? 'auto', autoLanes: [...lanes], priority: input.priority, maxAttempts: input.maxAttempts,
        runAfter: input.runAfter, input: { ...stored.input, ...kept }, idempotencyKey: input.idempotencyKey,
      });
    } catch (error) {
      await stored.discard();
      throw error;
    }
    // An idempotency key that matched an existing run: no run holds the secrets just stored.
    if (!change.created) await stored.discard();
    publish(change.events);
    if (change.created) pool()?.wake(change.run.lane);
    return { run: change.run, created: change.created };
  };
  const enqueue: RunsApi['enqueue'] = (input) => enqueueWith(input);

  return {
    enqueue,
    async runCommand(command, options = {}) {
      const { run } = await enqueue({ plan: shellPlan(command, { cwd: options.cwd, timeoutMs: options.timeoutMs }), source: 'the command', kind: 'command',
        sessionId: options.sessionId, lane: options.lane });
      await store.recordCommand(command);
      return run;
    },
    async retry(id) {
      const { run } = await store.getRun(id);
      if (!TERMINAL_STATUSES.includes(run.status)) {
        throw new CoreError('INVALID_STATE', `run ${id} is still ${run.status}: retry it once it has finished, or cancel it first`);
      }
      const { plan } = await store.getPlan(run.planId);
      const values = Object.entries(run.input);
      const params = Object.fromEntries(values.filter(([, value]) => !isSecretMarker(value))) as Record<string, ParamValue>;
      const kept = Object.fromEntries(values.filter((entry): entry is [string, SecretMarker] => isSecretMarker(entry[1])));
      // Through enqueue, not a copy of the row: the plan's tools are checked again (a server may be disabled since).
      const again = await enqueueWith({ plan, source: `the plan of run ${id}`, title: run.title, sessionId: run.sessionId,
        lane: run.lane, priority: run.priority, maxAttempts: run.maxAttempts, params }, kept);
      return again.run;
    },
    get: (id) => store.getRun(id),
    list: (filter = {}) => store.listRuns(filter),
    progress: (runIds) => store.stepProgress(runIds),
    events: (runId, afterSeq = 0, limit = 1000) => store.listEvents(runId, afterSeq, limit),
    async cancel(id) {
      const change = await store.cancel(id);
      publish(change.events);
      pool()?.cancel(id);
      return change.run;
    },
    counts: (onLanes) => store.countRuns(onLanes),
    countsBySession: (sessionIds) => store.countRunsBySession(sessionIds),
    countsByLane: (names) => store.countRunsByLane(names),
    activity: ({ failedSince }) => store.countActivity(failedSince),
    follow: (id, onEvent, opts = {}) => followRun({ store, subscribe }, id, onEvent, opts),
  };
}
