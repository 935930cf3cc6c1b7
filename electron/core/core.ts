import type { HealthState } from '../../shared/domain/health.ts';
import type { Lane, Session } from '../../shared/domain/run.ts';
import type { McpApi } from './api/mcp-api.ts';
import type { CommandsApi, PlansApi } from './api/plans-api.ts';
import type { ArtifactsApi, ProofsApi } from './api/proofs-api.ts';
import type { RunsApi } from './api/runs-api.ts';
import type { EventListener } from './events/event-bus.ts';
import type { HealthListener } from './health/health-monitor.ts';
import type { WorkerInfo } from './lanes/lane-pool.ts';
import type { SkillsApi } from './skills/skills-api.ts';
import type { CompileApi } from './api/compile-api.ts';
import type { SchedulesApi } from './schedules/schedules-api.ts';
import type { ApprovalsApi } from './api/approvals-api.ts';
import type { RetentionApi } from './retention/retention-api.ts';
import type { HistoryApi } from './history/history-api.ts';

/**
 * What every shell (the desktop app, `opsroom serve`, the CLI) may use of the core. Its own module, not
 * index.ts, so the IPC server (exported from index.ts) can name it without an import cycle.
 */
export interface Core {
  readonly mode: 'embedded' | 'postgres';
  readonly dataDir: string | null;
  sessions: {
    create(title: string): Promise<Session>;
    list(options?: { includeArchived?: boolean }): Promise<Session[]>;
    archive(id: number): Promise<Session>;
    restore(id: number): Promise<Session>;
    rename(id: number, title: string): Promise<Session>;
  };
  lanes: {
    /** The lanes this core's workers serve (and 'auto' picks from). */
    readonly served: readonly string[];
    list(): Promise<Lane[]>;
    pause(name: string): Promise<Lane>;
    resume(name: string): Promise<Lane>;
  };
  runs: RunsApi;
  plans: PlansApi;
  commands: CommandsApi;
  mcp: McpApi;
  proofs: ProofsApi;
  artifacts: ArtifactsApi;
  /** Skills: YAML files that expand to plans (stock ones, and the user's in <dataDir>/skills, watched). */
  skills: SkillsApi;
  /** The one grammar of the command bar, the tray and the CLI: typed text, /skill, a file, "? words" → a plan. */
  compile: CompileApi;
  // --- issue 8: approvals ---
  /** Approval gates: what waits for a person, and their decision (for the digest they were shown). */
  approvals: ApprovalsApi;
  // --- issue 8: schedules ---
  /** Cron schedules of plans, skills and commands: list with next fire times, add, pause, remove, pause all. */
  schedules: SchedulesApi;
  // --- issue 8: retention and history ---
  /** How long runs and proofs are kept (settings.json, per session), and purging what is due. */
  retention: RetentionApi;
  /** Searching the history: log lines by words, through an index. */
  history: HistoryApi;
  // --- issue 8: notifications ---
  subscribe(listener: EventListener): () => void;
  /** Crashes of the database thread and lane workers since start, how each was recovered, whether it gave up. */
  health(): HealthState;
  /** Each new incident, and each change of one (restarted, gave up), with the state after it. */
  onHealth(listener: HealthListener): () => void;
  workers(): WorkerInfo[];
  /** Stops claiming, lets running steps finish for up to graceMs (then requeues them), closes the database.
   * Called again while closing, it only shortens the grace (0: stop running steps now). */
  close(options?: { graceMs?: number }): Promise<void>;
}
