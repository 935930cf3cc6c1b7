import type { Proof } from '../../../../shared/domain/proof.ts';
import type { RunEvent } from '../../../../shared/domain/run.ts';
import type { Sql } from '../../db/sql.ts';
import { CoreError } from '../../errors.ts';
import { EVENT_COLUMNS, eventFromRow } from '../rows.ts';
import type { Fence, NewProof, StoredArtifact } from '../store.ts';
import { cleanJson, cleanText } from '../clean-text.ts';

const OWNED = `EXISTS (SELECT 1 FROM runs WHERE id = $1 AND claim_count = $2 AND status = 'running' FOR SHARE)`;

// Content-addressed within the run: the same bytes proven twice are stored once.
const ARTIFACT = `
INSERT INTO artifacts (run_id, step_id, name, sha256, size, media_type, content)
SELECT $1, $3, $4, $5, $6, $7, $8 WHERE ${OWNED}
ON CONFLICT (run_id, sha256) DO UPDATE SET name = artifacts.name
RETURNING id`;

const PROOF = `
WITH p AS (
  INSERT INTO proofs (run_id, step_id, attempt, try, seq, verifier_kind, config, passed, summary, evidence,
                      evidence_sha256, artifact_id, started_at, finished_at, phase, recheck_of)
  SELECT $1, $3, r.attempt, $4, $5, $6, $7::jsonb, $8, $9, $10::jsonb, $11, $12, $13, $14, $15, $16
    FROM runs r WHERE r.id = $1 AND ${OWNED}
  RETURNING run_id, attempt, step_id, passed, summary, verifier_kind, evidence_sha256, try, seq, phase, recheck_of
)
INSERT INTO run_events (run_id, attempt, step_id, kind, level, message, payload)
SELECT run_id, attempt, step_id, 'proof', CASE WHEN passed THEN 'info' ELSE 'error' END,
       CASE WHEN phase = 'before' THEN 'pre-check ' WHEN phase = 'recheck' THEN 're-check ' ELSE '' END
         || CASE WHEN passed THEN 'proved ' ELSE 'not proved ' END || verifier_kind || ': ' || summary,
       jsonb_build_object('passed', passed, 'kind', verifier_kind, 'evidenceSha256', evidence_sha256,
                          'try', try, 'seq', seq, 'phase', phase, 'recheckOf', recheck_of)
  FROM p
RETURNING ${EVENT_COLUMNS}`;

/** Stores one verifier's proof (and its large evidence) with its event, while the fence holds; else []. */
export async function recordProof(sql: Sql, fence: Fence, proof: NewProof): Promise<RunEvent[]> {
  return sql.transaction(async (tx) => {
    let artifactId: number | null = null;
    if (proof.large) {
      const { rows } = await tx.query<{ id: number }>(ARTIFACT, [fence.runId, fence.claim, proof.stepId,
        proof.large.name, proof.large.sha256, proof.large.content.byteLength, proof.large.mediaType, proof.large.content]);
      if (rows.length === 0) return [];
      artifactId = rows[0]!.id;
    }
    const { rows } = await tx.query(PROOF, [fence.runId, fence.claim, proof.stepId, proof.try, proof.seq,
      proof.kind, JSON.stringify(cleanJson(proof.config)), proof.passed, cleanText(proof.summary), JSON.stringify(proof.evidence),
      proof.evidenceSha256, artifactId, proof.startedAt, proof.finishedAt, proof.phase ?? 'after', proof.recheckOf ?? null]);
    return rows.map((row) => eventFromRow(row));
  });
}

const PROOF_COLUMNS = `p.id, p.run_id, p.step_id, p.attempt, p.try, p.seq, p.verifier_kind, p.config, p.passed, p.summary,
  p.evidence, p.evidence_sha256, a.sha256 AS artifact_sha256, p.started_at, p.finished_at, p.phase, p.recheck_of`;

export async function listProofs(sql: Sql, runId: number): Promise<Proof[]> {
  const { rows } = await sql.query(`SELECT ${PROOF_COLUMNS} FROM proofs p LEFT JOIN artifacts a ON a.id = p.artifact_id
     WHERE p.run_id = $1 ORDER BY p.attempt, p.id`, [runId]);
  return rows.map((row) => ({
    id: row.id as number,
    runId: row.run_id as number,
    stepId: row.step_id as string,
    attempt: row.attempt as number,
    try: row.try as number,
    verifierKind: row.verifier_kind as Proof['verifierKind'],
    config: row.config as Record<string, unknown>,
    passed: row.passed as boolean,
    summary: row.summary as string,
    evidence: row.evidence as Record<string, unknown>,
    evidenceSha256: row.evidence_sha256 as string,
    artifactSha256: (row.artifact_sha256 as string | null) ?? null,
    startedAt: row.started_at as Date,
    finishedAt: row.finished_at as Date,
    phase: row.phase as Proof['phase'],
    recheckOf: (row.recheck_of as number | null) ?? null,
  }));
}

const artifactFromRow = (row: Record<string, unknown>): StoredArtifact => ({
  stepId: (row.step_id as string | null) ?? null,
  name: row.name as string,
  sha256: row.sha256 as string,
  size: row.size as number,
  mediaType: row.media_type as string,
  ...(row.content ? { content: new Uint8Array(row.content as Uint8Array) } : {}),
});

export async function listArtifacts(sql: Sql, runId: number, withContent: boolean): Promise<StoredArtifact[]> {
  const { rows } = await sql.query(`SELECT step_id, name, sha256, size, media_type${withContent ? ', content' : ''}
      FROM artifacts WHERE run_id = $1 ORDER BY id`, [runId]);
  return rows.map(artifactFromRow);
}

/** One artifact with its bytes; the run is part of the key, so a hash alone never reaches another run's data. */
export async function getArtifact(sql: Sql, runId: number, sha256: string): Promise<Required<StoredArtifact>> {
  const { rows } = await sql.query(`SELECT step_id, name, sha256, size, media_type, content
      FROM artifacts WHERE run_id = $1 AND sha256 = $2`, [runId, sha256]);
  if (!rows[0]?.content) throw new CoreError('UNKNOWN_ARTIFACT', `run ${runId} has no stored artifact ${sha256}`);
  return artifactFromRow(rows[0]) as Required<StoredArtifact>;
}
