import type { Lane, Run, RunEvent, RunStep, Session } from '../../../shared/domain/run.ts';

/**
 * Maps snake_case rows to the domain shapes of shared/domain; one place, so columns are named once. Top-level
 * outputs name their columns (never `*`): PostgreSQL refuses to reuse a prepared statement whose result
 * shape a migration changed ("cached plan must not change result type").
 */
type Row = Record<string, unknown>;

export const RUN_COLUMNS = `id, session_id, plan_id, title, lane, status, priority, attempt, claim_count,
  max_attempts, run_after, claimed_by, heartbeat_at, cancel_requested_at, started_at, finished_at, created_at,
  error, input, result, idempotency_key, parent_run_id, rerun_kind`;

export const EVENT_COLUMNS = 'seq, run_id, attempt, step_id, ts, kind, level, message, payload';
export const STEP_COLUMNS = 'run_id, idx, step_id, tool, status, attempt, exit_code, started_at, finished_at, error, settled_by, reused_from';
export const SESSION_COLUMNS = 'id, title, created_at, archived_at';

/** The same event columns, prefixed `e_`, for statements that return a run and its event in one row. */
export const eventColumnsAs = (table: string): string =>
  EVENT_COLUMNS.split(', ').map((c) => `${table}.${c} AS e_${c}`).join(', ');

export function runFromRow(row: Row): Run {
  return {
    id: row.id as number,
    sessionId: (row.session_id as number | null) ?? null,
    planId: row.plan_id as number,
    title: row.title as string,
    lane: row.lane as string,
    status: row.status as Run['status'],
    priority: row.priority as number,
    attempt: row.attempt as number,
    claimCount: row.claim_count as number,
    maxAttempts: row.max_attempts as number,
    runAfter: row.run_after as Date,
    claimedBy: (row.claimed_by as string | null) ?? null,
    heartbeatAt: (row.heartbeat_at as Date | null) ?? null,
    cancelRequestedAt: (row.cancel_requested_at as Date | null) ?? null,
    startedAt: (row.started_at as Date | null) ?? null,
    finishedAt: (row.finished_at as Date | null) ?? null,
    createdAt: row.created_at as Date,
    error: (row.error as string | null) ?? null,
    input: (row.input as Record<string, unknown>) ?? {},
    result: row.result ?? null,
    idempotencyKey: (row.idempotency_key as string | null) ?? null,
    parentRunId: (row.parent_run_id as number | null) ?? null,
    rerunKind: (row.rerun_kind as Run['rerunKind']) ?? null,
  };
}

export function eventFromRow(row: Row, prefix = ''): RunEvent {
  return {
    seq: row[`${prefix}seq`] as number,
    runId: row[`${prefix}run_id`] as number,
    attempt: row[`${prefix}attempt`] as number,
    stepId: (row[`${prefix}step_id`] as string | null) ?? null,
    ts: row[`${prefix}ts`] as Date,
    kind: row[`${prefix}kind`] as RunEvent['kind'],
    level: row[`${prefix}level`] as RunEvent['level'],
    message: row[`${prefix}message`] as string,
    payload: (row[`${prefix}payload`] as Record<string, unknown> | null) ?? null,
  };
}

export function stepFromRow(row: Row): RunStep {
  return {
    runId: row.run_id as number,
    idx: row.idx as number,
    stepId: row.step_id as string,
    tool: row.tool as string,
    status: row.status as RunStep['status'],
    attempt: row.attempt as number,
    exitCode: (row.exit_code as number | null) ?? null,
    startedAt: (row.started_at as Date | null) ?? null,
    finishedAt: (row.finished_at as Date | null) ?? null,
    error: (row.error as string | null) ?? null,
    settledBy: (row.settled_by as RunStep['settledBy'] | undefined) ?? 'run',
    reusedFrom: (row.reused_from as number | null) ?? null,
  };
}

export const sessionFromRow = (row: Row): Session => ({
  id: row.id as number,
  title: row.title as string,
  createdAt: row.created_at as Date,
  archivedAt: (row.archived_at as Date | null) ?? null,
});

export const laneFromRow = (row: Row): Lane => ({ name: row.name as string, paused: row.paused as boolean });

/** Rows of a `run + e_*` statement: each row is one run change with its one event. */
export const changesFromRows = (rows: Row[]) =>
  rows.map((row) => ({ run: runFromRow(row), events: [eventFromRow(row, 'e_')] }));

/** RUN_COLUMNS qualified by a table alias, for statements that join. */
export const runColumnsOf = (alias: string): string => RUN_COLUMNS.replaceAll(/\w+/g, (c) => `${alias}.${c}`);
