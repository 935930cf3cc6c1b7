import type { McpServer, McpServerConfig, McpTool } from '../../../shared/domain/mcp.ts';
import type { Proof } from '../../../shared/domain/proof.ts';
import type { RecentCommand } from '../../../shared/ipc/methods/plans.ts';
import type { PlanOutline, StepProgress } from '../../../shared/ipc/methods/runs.ts';
import type { RunCounts } from '../../../shared/ipc/methods/sessions.ts';
import type { Plan } from '../../../shared/ir/plan.ts';
import type { VerifierKind } from '../../../shared/ir/verifier.ts';
import type { DiscoveredTool } from './statements/mcp-servers.ts';
import type { SkillRow } from './statements/skills.ts';
import type { PurgeReport, SessionRetention } from '../../../shared/domain/retention.ts';
import type { PurgeBatchRequest, PurgeBatchResult, PurgeCounts } from './statements/retention.ts';
import type { PurgedTable } from './statements/retention-upkeep.ts';
import type { LogScan, LogWindowRequest } from './statements/search-logs.ts';
import type { NewScheduleRow, ScheduleRow } from './statements/schedules.ts';
import type { FireRecord } from './statements/schedule-fires.ts';
import type { ScheduleChanges, ScheduleFire } from '../../../shared/domain/schedule.ts';
import type { Approval, PendingApproval } from '../../../shared/domain/approval.ts';
import type { ApprovalDecision, ApprovalFilter, ApprovalKey, ApprovalRequest } from './statements/approvals.ts';
import type { Recheck, RerunChild } from '../../../shared/domain/rerun.ts';
import type {
  Lane, NewRunEvent, RerunKind, Run, RunEvent, RunFilter, RunStep, Session, SettledBy, StepStatus,
} from '../../../shared/domain/run.ts';

/**
 * Every database command of the core. Each is one statement (or one short transaction) run entirely where the
 * database lives: with PGlite that is the db-worker thread, reached over a MessagePort; with PostgreSQL each
 * thread runs them on its own connection. No caller ever holds a transaction open across a round trip
 * (pglite-facts, design consequence 3).
 *
 * Commands that change a run also append its status event in the same statement and return it, so the
 * caller can publish exactly what was stored.
 */
export interface EnqueueRequest {
  plan: Plan;
  planHash: string;
  /** 'command': the one-step plan of a typed shell command, left out of the plan list. Default 'plan'. */
  kind?: 'plan' | 'command';
  title: string;
  sessionId?: number | null;
  /** A lane name, or 'auto' for the unpaused lane with the least queued and running work. */
  lane: string;
  /** The lanes 'auto' may pick: those a worker will serve (a lane in the table may have none). */
  autoLanes: string[];
  priority?: number;
  maxAttempts?: number;
  runAfter?: Date;
  input?: Record<string, unknown>;
  idempotencyKey?: string;
  /** A rerun (issue 8): the run it repeats and how; `reuse` maps step ids to the run whose recorded outcome
   * stands for the step (settled as 'reuse' after its proofs are re-checked, never run again). */
  parentRunId?: number;
  rerunKind?: RerunKind;
  reuse?: Record<string, number>;
}

/** Proof that the caller still owns a claimed run: the run's claim_count at claim time. */
export interface Fence {
  runId: number;
  claim: number;
}

export interface ClaimedRun {
  run: Run;
  plan: Plan;
  fence: Fence;
  events: RunEvent[];
}

export interface RunChange {
  run: Run;
  events: RunEvent[];
}

export interface StepOutcome {
  status: Extract<StepStatus, 'succeeded' | 'failed' | 'cancelled'>;
  exitCode?: number | null;
  error?: string | null;
  result?: unknown;
  /** What later steps' references saw (issue 8): stored for a rerun to reuse. */
  outputs?: StoredOutputs | null;
  /** 'precheck': proven already satisfied before the action, which did not run. Default 'run'. */
  settledBy?: 'run' | 'precheck';
}

/** A finished step's outputs as later steps' references saw them (streams capped by the executor): what a
 * rerun reuses when it settles the step without running it again. */
export interface StoredOutputs {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** A stream was cut (by the capture or the storage cap). */
  truncated: boolean;
  result: unknown;
}

/** A step settled without running its action (issue 8): reused, a false `if`, disabled, or refused. */
export interface StepSettlement {
  idx: number;
  status: 'succeeded' | 'failed' | 'skipped';
  settledBy: Exclude<SettledBy, 'run' | 'precheck'>;
  /** Why (stored as the step's error unless it succeeded, and in the event's payload). */
  reason: string;
  /** The step's event message, whole ("step a skipped: disabled in the plan"). */
  message: string;
  outputs?: StoredOutputs | null;
  reusedFrom?: number | null;
}

/** A step a rerun reuses (runs.reuse), with what its source run recorded of it. */
export interface ReusedStep {
  stepId: string;
  sourceRunId: number;
  /** The step in the source run; null when that run (or the step) is no longer stored. */
  sourceStatus: StepStatus | null;
  sourceSettledBy: SettledBy | null;
  outputs: StoredOutputs | null;
  /** The source's final passing proof of each verifier (by seq): what the re-checks link to. */
  proofs: { id: number; seq: number; kind: VerifierKind }[];
}

export type RunEnding =
  | { status: 'succeeded'; result?: unknown }
  | { status: 'cancelled'; error?: string }
  /** retryDelayMs applies when attempts remain; the store decides between queued and failed. */
  | { status: 'failed'; error: string; retryDelayMs: number };

/** One verifier's verdict, as the executor hands it to the store. */
export interface NewProof {
  stepId: string;
  try: number;
  /** Order of the verifier within the step. */
  seq: number;
  kind: VerifierKind;
  config: Record<string, unknown>;
  passed: boolean;
  summary: string;
  evidence: Record<string, unknown>;
  evidenceSha256: string;
  large?: { name: string; mediaType: string; sha256: string; content: Uint8Array };
  startedAt: Date;
  finishedAt: Date;
  /** Default 'after'. 'before': a pre-check; 'recheck': a recorded outcome verified again (recheckOf: its proof). */
  phase?: 'before' | 'after' | 'recheck';
  recheckOf?: number | null;
}

export interface StoredArtifact {
  stepId: string | null;
  name: string;
  sha256: string;
  size: number;
  mediaType: string;
  content?: Uint8Array;
}

/** What the tray shows: runs under way, and the failures of a recent window (by creation, like the board). */
export interface ActivityCounts {
  running: number;
  queued: number;
  failedRecent: number;
}

export interface ReclaimRequest {
  /** Runs whose heartbeat is older than this; 0 takes every running run (embedded start-up recovery). */
  olderThanMs?: number;
  /** Runs owned by these workers, known dead (a crashed thread). */
  workerIds?: string[];
  reason: string;
}

export interface Store {
  ensureLanes(names: string[]): Promise<Lane[]>;
  listLanes(): Promise<Lane[]>;
  setLanePaused(name: string, paused: boolean): Promise<Lane>;

  createSession(title: string): Promise<Session>;
  listSessions(options: { includeArchived?: boolean }): Promise<Session[]>;
  setSessionArchived(id: number, archived: boolean): Promise<Session>;
  renameSession(id: number, title: string): Promise<Session>;

  enqueue(request: EnqueueRequest): Promise<RunChange & { created: boolean }>;
  claim(lane: string, workerId: string): Promise<ClaimedRun | null>;
  heartbeat(fence: Fence): Promise<{ owned: boolean; cancelRequested: boolean }>;
  startStep(fence: Fence, idx: number): Promise<RunEvent[]>;
  finishStep(fence: Fence, idx: number, outcome: StepOutcome, message: string): Promise<RunEvent[]>;
  skipSteps(fence: Fence, idxs: number[], reason: string): Promise<RunEvent[]>;
  recordProof(fence: Fence, proof: NewProof): Promise<RunEvent[]>;
  finishRun(fence: Fence, ending: RunEnding): Promise<RunChange | null>;
  /** finishRun, then claim on `lane`, in one statement: what a busy lane worker does between two runs. */
  finishAndClaim(fence: Fence, ending: RunEnding, lane: string, workerId: string):
    Promise<{ ended: RunChange | null; next: ClaimedRun | null }>;
  cancel(runId: number): Promise<RunChange>;
  reclaim(request: ReclaimRequest): Promise<RunChange[]>;
  /** With a fence, stored only while the fence holds (else nothing is stored and [] comes back). */
  appendEvents(events: NewRunEvent[], fence?: Fence): Promise<RunEvent[]>;

  getRun(id: number): Promise<{ run: Run; steps: RunStep[] }>;
  listRuns(filter: RunFilter): Promise<Run[]>;
  listEvents(runId: number, afterSeq: number, limit: number): Promise<RunEvent[]>;
  /** Runs by status, over the given lanes or all. */
  countRuns(lanes?: string[]): Promise<RunCounts>;
  /** Runs by status for each given session / lane, every status and every key present (zeros included). */
  countRunsBySession(sessionIds: number[]): Promise<Map<number, RunCounts>>;
  countRunsByLane(lanes: string[]): Promise<Map<string, RunCounts>>;
  /** Running and queued runs, and the runs created since `failedSince` that failed. */
  countActivity(failedSince: Date): Promise<ActivityCounts>;
  /** Each given run's steps counted (zeros for an unknown run): one statement for a page of runs. */
  stepProgress(runIds: number[]): Promise<Map<number, StepProgress>>;
  getPlan(id: number): Promise<{ plan: Plan; contentHash: string }>;
  getPlanOutline(id: number): Promise<PlanOutline>;
  /** The newest version of each plan name, newest first; typed shell commands left out. */
  listPlans(): Promise<PlanOutline[]>;
  /** Stores a validated plan as one to pick (deduplicated by content hash) without running it. */
  savePlan(plan: Plan, planHash: string): Promise<PlanOutline>;
  /** Pins or unpins the plan's name (every version of it); returns the name. */
  setPlanPinned(planId: number, pinned: boolean): Promise<string>;
  listPinnedPlanNames(): Promise<string[]>;
  recordCommand(command: string): Promise<void>;
  listRecentCommands(limit: number): Promise<RecentCommand[]>;
  listProofs(runId: number): Promise<Proof[]>;
  listArtifacts(runId: number, withContent: boolean): Promise<StoredArtifact[]>;
  getArtifact(runId: number, sha256: string): Promise<Required<StoredArtifact>>;
  /** Read-only query on this database, for `sql` verifiers and tools with database 'local'. */
  localQuery(text: string, params: unknown[]): Promise<{ fields: string[]; rows: unknown[][]; rowCount: number }>;

  listMcpServers(): Promise<McpServer[]>;
  getMcpServer(name: string): Promise<McpServer>;
  putMcpServer(config: McpServerConfig, source: string): Promise<McpServer>;
  removeMcpServer(name: string): Promise<void>;
  setMcpServerEnabled(name: string, enabled: boolean): Promise<McpServer>;
  setMcpServerError(name: string, error: string | null): Promise<void>;
  saveTools(server: string, tools: DiscoveredTool[]): Promise<McpTool[]>;
  listTools(server?: string): Promise<McpTool[]>;

  /** Makes the skills table hold exactly these skills (the catalogue in use). */
  syncSkills(rows: SkillRow[]): Promise<void>;

  // --- issue 8: reruns, re-proving, settled steps ---
  /** Steps settled without running (reused, condition, disabled), each with its event, while the fence holds. */
  settleSteps(fence: Fence, settlements: StepSettlement[]): Promise<RunEvent[]>;
  /** The steps run `runId` reuses (runs.reuse), each with the source run's stored outputs and final passing proofs. */
  listReusedSteps(runId: number): Promise<ReusedStep[]>;

  // --- issue 8: rerun API (parents, children, drift) ---
  /** The runs started from this one (parent_run_id), newest first, with the re-checks that failed in each. */
  listReruns(runId: number): Promise<RerunChild[]>;
  /** A run's re-check proofs (latest attempt), each with the proof it re-checked. */
  listRechecks(runId: number): Promise<Recheck[]>;

  // --- issue 8: approvals ---
  /** Stores a pending approval while the run is running (null if it is not); the same document asked again
   * keeps its row and any decision (fresh: false). */
  requestApproval(request: ApprovalRequest): Promise<{ approval: Approval; fresh: boolean } | null>;
  /** The waiting step's look at its row, expiring it when its time is up. */
  pollApproval(key: ApprovalKey): Promise<Approval | null>;
  cancelApproval(key: ApprovalKey, reason: string): Promise<void>;
  /** Records a decision for the digest shown; null when the row is not pending, the digest differs, etc. */
  decideApproval(decision: ApprovalDecision): Promise<Approval | null>;
  /** The latest attempt's approval of a step, with its run's status. */
  getApproval(runId: number, stepId: string): Promise<{ approval: Approval; runStatus: string } | null>;
  listApprovals(filter: ApprovalFilter): Promise<PendingApproval[]>;

  // --- issue 8: schedules ---
  addSchedule(schedule: NewScheduleRow): Promise<ScheduleRow>;
  /** Every schedule by name, with its newest fire, and whether "pause all" is set. */
  listSchedules(): Promise<{ pausedAll: boolean; schedules: (ScheduleRow & { lastFire: ScheduleFire | null })[] }>;
  getSchedule(name: string): Promise<ScheduleRow>;
  /** `now` (the scheduler's clock) is where a new cron or zone starts from. */
  updateSchedule(name: string, changes: ScheduleChanges, now: Date): Promise<ScheduleRow>;
  setSchedulePaused(name: string, paused: boolean, now: Date): Promise<ScheduleRow>;
  setSchedulesPausedAll(paused: boolean, now: Date): Promise<void>;
  /** Deletes the schedule and its fires; returns it, so its secret parameters can be deleted too. */
  removeSchedule(name: string): Promise<ScheduleRow>;
  listScheduleFires(scheduleId: number, limit: number): Promise<ScheduleFire[]>;
  scheduleTickState(): Promise<(ScheduleRow & { waiting: boolean })[]>;
  /** The schedule's fires not yet ended: being queued, waiting, or with a queued or running run. */
  scheduleBusy(scheduleId: number): Promise<ScheduleFire[]>;
  /** Inserts the slot's row (the unique slot key); false when another scheduler has it. */
  claimScheduleFire(fire: FireRecord): Promise<boolean>;
  startWaitingFire(scheduleId: number, slot: Date): Promise<boolean>;
  finishScheduleFire(fire: FireRecord): Promise<void>;
  advanceScheduleCursor(scheduleId: number, slot: Date): Promise<void>;
  staleScheduleFires(olderThanMs: number): Promise<{ schedule: ScheduleRow; slot: Date }[]>;
  /** Deletes all but the newest `keep` fires of each schedule; returns how many went. */
  pruneScheduleFires(keep: number): Promise<number>;

  // --- issue 8: retention and history ---
  /** One batch of a purge, one short transaction (statements/retention.ts). */
  purgeBatch(request: PurgeBatchRequest): Promise<PurgeBatchResult>;
  /** What purgeBatch would do in (afterId, afterId + span], changing nothing (a dry run). */
  countPurgeable(request: Omit<PurgeBatchRequest, 'runs' | 'events'>): Promise<PurgeCounts>;
  referencedSecrets(names: string[], afterId: number, upToId: number): Promise<string[]>;
  listSessionRetention(): Promise<SessionRetention[]>;
  setSessionRetention(sessionId: number, days: number | null): Promise<void>;
  liveRows(): Promise<Record<PurgedTable, number>>;
  vacuumTables(tables: PurgedTable[], compact: PurgedTable[]): Promise<void>;
  databaseSize(): Promise<number>;
  recordPurge(report: PurgeReport): Promise<void>;
  lastPurge(): Promise<PurgeReport | null>;
  /** What typed text means as a full text query ("" when it has no word): run-filter-sql.ts. */
  searchQuery(text: string): Promise<string>;
  /** The first step of a log search: the newest `rows` lines read one by one (statements/search-logs.ts). */
  scanLogLines(request: LogWindowRequest & { rows: number }): Promise<LogScan>;
  /** One window of a log search, through the index (statements/search-logs.ts). */
  searchLogWindow(request: LogWindowRequest): Promise<RunEvent[]>;
  getRuns(ids: number[]): Promise<Run[]>;
  lastRunId(): Promise<number>;
}

export type StoreMethod = keyof Store;
export const STORE_METHODS: readonly StoreMethod[] = [
  'ensureLanes', 'listLanes', 'setLanePaused', 'createSession', 'listSessions', 'setSessionArchived', 'renameSession',
  'enqueue', 'claim', 'heartbeat', 'startStep', 'finishStep', 'finishRun', 'finishAndClaim', 'cancel', 'reclaim', 'appendEvents',
  'skipSteps', 'recordProof', 'getRun', 'listRuns', 'listEvents', 'countRuns', 'countRunsBySession', 'countRunsByLane',
  'countActivity', 'stepProgress', 'getPlan', 'getPlanOutline', 'listPlans', 'savePlan', 'setPlanPinned', 'listPinnedPlanNames',
  'recordCommand', 'listRecentCommands', 'listProofs',
  'listArtifacts', 'getArtifact', 'localQuery', 'listMcpServers', 'getMcpServer', 'putMcpServer', 'removeMcpServer',
  'setMcpServerEnabled', 'setMcpServerError', 'saveTools', 'listTools', 'syncSkills',
  // issue 8: reruns, re-proving, settled steps
  'settleSteps', 'listReusedSteps',
  // issue 8: rerun API
  'listReruns', 'listRechecks',
  // issue 8: approvals
  'requestApproval', 'pollApproval', 'cancelApproval', 'decideApproval', 'getApproval', 'listApprovals',
  // issue 8: schedules
  'addSchedule', 'listSchedules', 'getSchedule', 'updateSchedule', 'setSchedulePaused', 'setSchedulesPausedAll',
  'removeSchedule', 'listScheduleFires', 'scheduleTickState', 'scheduleBusy', 'claimScheduleFire', 'startWaitingFire',
  'finishScheduleFire', 'advanceScheduleCursor', 'staleScheduleFires', 'pruneScheduleFires',
  // issue 8: retention and history
  'purgeBatch', 'countPurgeable', 'referencedSecrets', 'listSessionRetention', 'setSessionRetention', 'liveRows',
  'vacuumTables', 'databaseSize', 'recordPurge', 'lastPurge', 'searchQuery', 'scanLogLines', 'searchLogWindow', 'getRuns', 'lastRunId',
];
