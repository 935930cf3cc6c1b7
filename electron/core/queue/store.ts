import type { McpServer, McpServerConfig, McpTool } from '../../../shared/domain/mcp.ts';
import type { Proof } from '../../../shared/domain/proof.ts';
import type { RecentCommand } from '../../../shared/ipc/methods/plans.ts';
import type { PlanOutline, StepProgress } from '../../../shared/ipc/methods/runs.ts';
import type { RunCounts } from '../../../shared/ipc/methods/sessions.ts';
import type { Plan } from '../../../shared/ir/plan.ts';
import type { VerifierKind } from '../../../shared/ir/verifier.ts';
import type { DiscoveredTool } from './statements/mcp-servers.ts';
import type { SkillRow } from './statements/skills.ts';
import type {
  Lane, NewRunEvent, Run, RunEvent, RunFilter, RunStep, Session, StepStatus,
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
];
