import type { Recheck, RerunChild } from '../../../../shared/domain/rerun.ts';
import type { Sql } from '../../db/sql.ts';

/** Reruns of one run: a page is plenty (a run repeated a hundred times is shown as its latest hundred). */
const CHILDREN_LIMIT = 100;

// A run retried after a crash proves again under a new attempt: only the latest attempt's re-checks count. Drift
// is what a finished re-check found: a run cancelled (or stopped) mid-check failed its cut re-check, found nothing.
const CHILDREN = `
SELECT r.id, r.rerun_kind, r.status, r.created_at, r.finished_at, r.error,
       coalesce((SELECT jsonb_agg(jsonb_build_object('stepId', p.step_id, 'verifierKind', p.verifier_kind,
                                                     'summary', p.summary) ORDER BY p.id)
                   FROM proofs p
                  WHERE r.status = 'failed' AND p.run_id = r.id AND p.attempt = r.attempt AND p.phase = 'recheck' AND NOT p.passed), '[]') AS drift
  FROM runs r
 WHERE r.parent_run_id = $1
 ORDER BY r.id DESC
 LIMIT ${CHILDREN_LIMIT}`;

/** The runs started from this one, newest first, each with the re-checks that failed in it. */
export async function listReruns(sql: Sql, runId: number): Promise<RerunChild[]> {
  const { rows } = await sql.query(CHILDREN, [runId]);
  return rows.map((row) => ({
    id: row.id as number,
    rerunKind: row.rerun_kind as RerunChild['rerunKind'],
    status: row.status as RerunChild['status'],
    createdAt: row.created_at as Date,
    finishedAt: (row.finished_at as Date | null) ?? null,
    error: (row.error as string | null) ?? null,
    drift: row.drift as RerunChild['drift'],
  }));
}

const RECHECKS = `
SELECT p.id, p.step_id, p.seq, p.verifier_kind, p.passed, p.summary, p.evidence_sha256,
       o.id AS of_id, o.run_id AS of_run_id, o.passed AS of_passed, o.summary AS of_summary,
       o.evidence_sha256 AS of_sha256, o.finished_at AS of_finished_at
  FROM runs r
  JOIN proofs p ON p.run_id = r.id AND p.attempt = r.attempt AND p.phase = 'recheck'
  LEFT JOIN proofs o ON o.id = p.recheck_of
 WHERE r.id = $1
 ORDER BY p.id`;

/** This run's re-check proofs (latest attempt), each beside the proof it re-checked: old verdict vs new. */
export async function listRechecks(sql: Sql, runId: number): Promise<Recheck[]> {
  const { rows } = await sql.query(RECHECKS, [runId]);
  return rows.map((row) => ({
    proofId: row.id as number,
    stepId: row.step_id as string,
    seq: row.seq as number,
    verifierKind: row.verifier_kind as Recheck['verifierKind'],
    passed: row.passed as boolean,
    summary: row.summary as string,
    evidenceSha256: row.evidence_sha256 as string,
    of: row.of_id == null ? null : {
      proofId: row.of_id as number,
      runId: row.of_run_id as number,
      passed: row.of_passed as boolean,
      summary: row.of_summary as string,
      evidenceSha256: row.of_sha256 as string,
      finishedAt: row.of_finished_at as Date,
    },
  }));
}
