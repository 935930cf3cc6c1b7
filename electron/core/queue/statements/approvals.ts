import type { Approval, ApprovalStatus, PendingApproval } from '../../../../shared/domain/approval.ts';
import type { Sql } from '../../db/sql.ts';
import { cleanText } from '../clean-text.ts';

/** What an `approval` step stores before it waits. */
export interface ApprovalRequest {
  runId: number;
  stepId: string;
  attempt: number;
  prompt: string;
  shown: Record<string, unknown>;
  shownSha256: string;
  /** No decision within this long expires it (the database's clock); null waits until decided. */
  timeoutMs: number | null;
  onTimeout: 'fail' | 'continue';
}

export interface ApprovalKey {
  runId: number;
  stepId: string;
  attempt: number;
}

export interface ApprovalDecision {
  runId: number;
  stepId: string;
  decision: 'approved' | 'rejected';
  /** The digest of the document the decider was shown. */
  shownSha256: string;
  by: string;
  comment: string | null;
}

export interface ApprovalFilter {
  /** Only approvals still waiting, of runs not yet finished. */
  pending?: boolean;
  runId?: number;
  limit?: number;
}

const COLUMNS = `run_id, step_id, attempt, prompt, shown, shown_sha256, status, requested_at, expires_at, on_timeout,
  decided_by, decided_at, comment, approved_sha256`;
const KEY = 'run_id = $1 AND step_id = $2 AND attempt = $3';
const columnsOf = (table: string): string => COLUMNS.split(',').map((column) => `${table}.${column.trim()}`).join(', ');

export function approvalFromRow(row: Record<string, unknown>): Approval {
  return {
    runId: row.run_id as number,
    stepId: row.step_id as string,
    attempt: row.attempt as number,
    prompt: row.prompt as string,
    shown: row.shown as Record<string, unknown>,
    shownSha256: row.shown_sha256 as string,
    status: row.status as ApprovalStatus,
    requestedAt: row.requested_at as Date,
    expiresAt: (row.expires_at as Date | null) ?? null,
    onTimeout: row.on_timeout as Approval['onTimeout'],
    decidedBy: (row.decided_by as string | null) ?? null,
    decidedAt: (row.decided_at as Date | null) ?? null,
    comment: (row.comment as string | null) ?? null,
    approvedSha256: (row.approved_sha256 as string | null) ?? null,
  };
}

/**
 * Stores the pending approval, while the run is running. Asked again for the same run attempt (the run was
 * taken back from a stopped worker and runs the step again): the row stays as it is, decision included,
 * when the document is the same; a different document (other evidence) makes a fresh pending request, since
 * a decision about the old one does not hold for it. A row left 'cancelled' is asked afresh.
 */
const REQUEST = `
WITH up AS (
  INSERT INTO approvals AS a (run_id, step_id, attempt, prompt, shown, shown_sha256, on_timeout, expires_at)
  SELECT $1, $2, $3, $4, $5::jsonb, $6, $7, now() + $8::bigint * interval '1 millisecond'
   WHERE EXISTS (SELECT 1 FROM runs WHERE id = $1 AND status = 'running')
  ON CONFLICT (run_id, step_id, attempt) DO UPDATE
    SET prompt = EXCLUDED.prompt, shown = EXCLUDED.shown, shown_sha256 = EXCLUDED.shown_sha256,
        on_timeout = EXCLUDED.on_timeout, expires_at = EXCLUDED.expires_at, status = 'pending',
        requested_at = now(), decided_by = NULL, decided_at = NULL, comment = NULL, approved_sha256 = NULL
    WHERE a.shown_sha256 <> EXCLUDED.shown_sha256 OR a.status = 'cancelled'
  RETURNING ${COLUMNS}
)
SELECT ${COLUMNS}, true AS fresh FROM up
UNION ALL
SELECT ${COLUMNS}, false AS fresh FROM approvals WHERE ${KEY} AND NOT EXISTS (SELECT 1 FROM up)`;

/** The stored (possibly earlier) approval, and whether it was asked just now; null if the run is not running. */
export async function requestApproval(sql: Sql, request: ApprovalRequest): Promise<{ approval: Approval; fresh: boolean } | null> {
  const { rows } = await sql.query(REQUEST, [request.runId, request.stepId, request.attempt, cleanText(request.prompt),
    JSON.stringify(request.shown), request.shownSha256, request.onTimeout, request.timeoutMs]);
  return rows[0] ? { approval: approvalFromRow(rows[0]), fresh: rows[0].fresh as boolean } : null;
}

// Expiry is decided here, on the database's clock, in the same statement that reads the row: a decision
// committed first wins (the row is no longer pending), otherwise the expiry does.
const POLL = `
WITH expired AS (
  UPDATE approvals SET status = 'expired', decided_at = now()
   WHERE ${KEY} AND status = 'pending' AND expires_at <= now()
  RETURNING ${COLUMNS}
)
SELECT ${COLUMNS} FROM expired
UNION ALL
SELECT ${COLUMNS} FROM approvals WHERE ${KEY} AND NOT EXISTS (SELECT 1 FROM expired)`;

/** The waiting step's look at its row: expired now if its time is up; null if the row is gone. */
export async function pollApproval(sql: Sql, key: ApprovalKey): Promise<Approval | null> {
  const { rows } = await sql.query(POLL, [key.runId, key.stepId, key.attempt]);
  return rows[0] ? approvalFromRow(rows[0]) : null;
}

/** The step stopped waiting (the run was cancelled, the step timed out): nobody can decide it any more. */
export async function cancelApproval(sql: Sql, key: ApprovalKey, reason: string): Promise<void> {
  await sql.query(`UPDATE approvals SET status = 'cancelled', decided_at = now(), comment = $4
    WHERE ${KEY} AND status = 'pending'`, [key.runId, key.stepId, key.attempt, cleanText(reason)]);
}

// The latest attempt's row, decided only while pending, unexpired, of a run not yet finished, and only for
// the digest it shows: anything else changes nothing (decideApproval then says which condition failed).
const DECIDE = `
UPDATE approvals a
   SET status = $3, decided_by = $4, decided_at = now(), comment = $5, approved_sha256 = $6
 WHERE a.run_id = $1 AND a.step_id = $2
   AND a.attempt = (SELECT max(attempt) FROM approvals WHERE run_id = $1 AND step_id = $2)
   AND a.status = 'pending' AND a.shown_sha256 = $6 AND (a.expires_at IS NULL OR a.expires_at > now())
   AND EXISTS (SELECT 1 FROM runs r WHERE r.id = $1 AND r.status IN ('queued', 'running'))
RETURNING ${COLUMNS}`;

/** Records the decision; null when nothing matched (see why with getApproval). */
export async function decideApproval(sql: Sql, decision: ApprovalDecision): Promise<Approval | null> {
  const { rows } = await sql.query(DECIDE, [decision.runId, decision.stepId, decision.decision, cleanText(decision.by),
    decision.comment === null ? null : cleanText(decision.comment), decision.shownSha256]);
  return rows[0] ? approvalFromRow(rows[0]) : null;
}

/** The latest attempt's approval of a run's step, with its run's status; null when there is none. */
export async function getApproval(sql: Sql, runId: number, stepId: string):
  Promise<{ approval: Approval; runStatus: string } | null> {
  const { rows } = await sql.query(`SELECT ${COLUMNS}, (SELECT status FROM runs WHERE id = $1) AS run_status
    FROM approvals WHERE run_id = $1 AND step_id = $2 ORDER BY attempt DESC LIMIT 1`, [runId, stepId]);
  return rows[0] ? { approval: approvalFromRow(rows[0]), runStatus: rows[0].run_status as string } : null;
}

/** Newest first; `pending` reads through the partial index and leaves out runs that have finished. */
export async function listApprovals(sql: Sql, filter: ApprovalFilter): Promise<PendingApproval[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.pending) where.push(`a.status = 'pending' AND r.status IN ('queued', 'running')`);
  if (filter.runId !== undefined) {
    params.push(filter.runId);
    where.push(`a.run_id = $${params.length}`);
  }
  params.push(filter.limit ?? 200);
  const { rows } = await sql.query(`SELECT ${columnsOf('a')}, r.title AS run_title
    FROM approvals a JOIN runs r ON r.id = a.run_id
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY a.requested_at DESC, a.run_id DESC, a.step_id LIMIT $${params.length}`, params);
  return rows.map((row) => ({ ...approvalFromRow(row), runTitle: row.run_title as string }));
}
