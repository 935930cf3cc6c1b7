import type { RunQuery } from '../../../shared/ipc/methods/runs.ts';

/**
 * TanStack Query keys, one place: the live-update hook invalidates or patches these when a pushed event says
 * what changed, so no screen polls.
 */
export const keys = {
  info: ['app.info'] as const,
  /** Crashes and recoveries: set from each app.health push, never invalidated. */
  health: ['app.health'] as const,
  sessionsAll: ['sessions'] as const,
  sessions: (includeArchived: boolean) => ['sessions', { includeArchived }] as const,
  lanes: ['lanes'] as const,
  runsAll: ['runs'] as const,
  runs: (query: RunQuery) => ['runs', query] as const,
  /** The Runboard's list, keyed by its URL filter (not by resolved dates, which change every millisecond). */
  board: (filter: string) => ['runs', 'board', filter] as const,
  run: (id: number) => ['run', id] as const,
  proofs: (runId: number) => ['proofs', runId] as const,
  artifacts: (runId: number) => ['artifacts', runId] as const,
  /** Approvals (issue 8): a run's, and the pending ones of every run (the top bar); refreshed on approval events. */
  approvalsAll: ['approvals'] as const,
  approvals: (runId: number) => ['approvals', runId] as const,
  pendingApprovals: ['approvals', 'pending'] as const,
  /** One artifact's content: by hash, so it never changes; not under 'artifacts', whose list step events refresh. */
  artifact: (runId: number, sha256: string) => ['artifact', runId, sha256] as const,
  plans: ['plans'] as const,
  commands: ['commands'] as const,
  mcp: ['mcp'] as const,
  skills: ['skills'] as const,
  schedules: ['schedules'] as const,
  toolsAll: ['tools'] as const,
  tools: (server: string) => ['tools', server] as const,
};
