import type { RerunHistory } from '../../../shared/domain/rerun.ts';
import type { Run, RunEvent, RunFilter, RunStep } from '../../../shared/domain/run.ts';
import type { SecretMarker } from '../../../shared/domain/secret-marker.ts';
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
import { withApprovalGate } from '../plans/approval-gate.ts';
import { validatePlan } from '../plans/validate-plan.ts';
import type { ActivityCounts, EnqueueRequest, Store } from '../queue/store.ts';
import { followRun } from '../runs/follow-run.ts';
import { rerunReuse, type RerunAsk } from '../runs/rerun-plan.ts';
import { rerunParams } from '../runs/rerun-params.ts';
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

/** A new run from a finished one (see rerun-plan.ts): the whole plan, the failed part, a step and what needs
 * it, or new parameter values ('edit', merged over the old ones; with fromStep, only that part runs). */
export interface RerunInput extends RerunAsk {
  kind: 'rerun' | 'resume' | 'from-step' | 'edit';
  params?: Record<string, ParamValue>;
  /** The values are text from a command line (`--param k=v`). */
  paramsAreText?: boolean;
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
   * parameters: the same stored values, while they are stored). A rerun of kind 'rerun'. */
  retry(id: number): Promise<Run>;
  /** A new run linked to a finished one (parent_run_id, rerun_kind); nothing of the parent changes. Steps it
   * reuses are re-checked by the lane worker before anything runs. */
  rerun(id: number, input: RerunInput): Promise<Run>;
  /** A new run that repeats no action: the verifiers of every step that succeeded in run `id`, against live
   * state (proofs phase 'recheck', linked to the old ones). It fails when something drifted. */
  reprove(id: number): Promise<Run>;
  /** The run it repeats, the runs that repeat it (with their drift), and its own re-checks beside the old proofs. */
  reruns(id: number): Promise<RerunHistory>;
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
  type Rerun = Pick<EnqueueRequest, 'parentRunId' | 'rerunKind' | 'reuse'>;
  const enqueueWith = async (input: EnqueueInput, kept: Record<string, SecretMarker> = {}, rerun: Rerun = {}) => {
    const plan = withApprovalGate(validatePlan(input.plan, input.source)); // issue 8: approvals (idempotent)
    const declared = plan.params && Object.fromEntries(Object.entries(plan.params).filter(([name]) => !Object.hasOwn(kept, name)));
    const params = bindParams(declared, input.params ?? {}, { fromStrings: input.paramsAreText });
    await checkTools(plan, registry, input.source);
    const stored = await storeSecretParams(plan, params, secrets);
    let change;
    try {
      change = await store.enqueue({
        plan, planHash: planHash(plan), kind: input.kind, title: input.title ?? plan.name, sessionId: input.sessionId,
        lane: input.lane ?? 'auto', autoLanes: [...lanes], priority: input.priority, maxAttempts: input.maxAttempts,
        runAfter: input.runAfter, input: { ...stored.input, ...kept }, idempotencyKey: input.idempotencyKey, ...rerun,
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

  /** Queues run `id`'s plan again as its child: same title, session, lane, priority and attempts. */
  const rerunOf = async (id: number, ask: RerunAsk, given?: Record<string, ParamValue>, paramsAreText?: boolean) => {
    const { run, steps } = await store.getRun(id);
    const { plan } = await store.getPlan(run.planId);
    const reuse = rerunReuse(ask, plan, run, steps);
    const { params, kept } = rerunParams(plan, run, given);
    // Through enqueue, not a copy of the row: the plan's tools are checked again (a server may be disabled since).
    const again = await enqueueWith({ plan, source: `the plan of run ${id}`, title: run.title, sessionId: run.sessionId,
      lane: run.lane, priority: run.priority, maxAttempts: run.maxAttempts, params, paramsAreText }, kept,
    { parentRunId: id, rerunKind: ask.kind, reuse });
    return again.run;
  };

  return {
    enqueue,
    async runCommand(command, options = {}) {
      const { run } = await enqueue({ plan: shellPlan(command, { cwd: options.cwd, timeoutMs: options.timeoutMs }), source: 'the command', kind: 'command',
        sessionId: options.sessionId, lane: options.lane });
      await store.recordCommand(command);
      return run;
    },
    retry: (id) => rerunOf(id, { kind: 'rerun' }),
    async rerun(id, { kind, fromStep, params, paramsAreText }) {
      if (kind !== 'edit' && params && Object.keys(params).length) {
        throw new CoreError('INVALID_INPUT', `new parameter values make a rerun an edit: ask for kind "edit"${kind === 'from-step' ? ' with the step' : ''}`);
      }
      if (kind !== 'edit' && kind !== 'from-step' && fromStep !== undefined) {
        throw new CoreError('INVALID_INPUT', `a ${kind} runs no chosen step: ask for kind "from-step" to rerun from "${fromStep}"`);
      }
      return rerunOf(id, { kind, fromStep }, kind === 'edit' ? params : undefined, paramsAreText);
    },
    reprove: (id) => rerunOf(id, { kind: 'reprove' }),
    async reruns(id) {
      const { run } = await store.getRun(id);
      // The parent may have been purged since (parent_run_id is then null): no link, not an error.
      const parent = run.parentRunId === null ? null : await store.getRun(run.parentRunId).then(
        ({ run: p }) => ({ id: p.id, status: p.status, title: p.title }),
        (error: unknown) => { if (error instanceof CoreError && error.code === 'UNKNOWN_RUN') return null; throw error; });
      const [children, rechecks] = await Promise.all([store.listReruns(id), store.listRechecks(id)]);
      return { parent, children, rechecks };
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
