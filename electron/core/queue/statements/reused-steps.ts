import type { SettledBy, StepStatus } from '../../../../shared/domain/run.ts';
import type { Sql } from '../../db/sql.ts';
import type { ReusedStep, StoredOutputs } from '../store.ts';

// The newest passing proof per verifier seq is the final try's (the step succeeded, so its last try passed
// them all); with a precheck-settled source it is the pre-check's, with a reused source its re-check.
const REUSED = `
SELECT r.key AS step_id, r.value::bigint AS source_run_id, st.status, st.settled_by, st.outputs,
       coalesce((SELECT jsonb_agg(jsonb_build_object('id', p.id, 'seq', p.seq, 'kind', p.verifier_kind) ORDER BY p.seq)
                   FROM (SELECT DISTINCT ON (seq) id, seq, verifier_kind FROM proofs
                          WHERE run_id = r.value::bigint AND step_id = r.key AND passed ORDER BY seq, id DESC) p),
                '[]'::jsonb) AS proofs
  FROM runs
 CROSS JOIN LATERAL jsonb_each_text(coalesce(runs.reuse, '{}'::jsonb)) AS r(key, value)
  LEFT JOIN run_steps st ON st.run_id = r.value::bigint AND st.step_id = r.key
 WHERE runs.id = $1
 ORDER BY r.key`;

/** Each step the run reuses, with the source run's stored outputs and final passing proofs of it. */
export async function listReusedSteps(sql: Sql, runId: number): Promise<ReusedStep[]> {
  const { rows } = await sql.query(REUSED, [runId]);
  return rows.map((row) => ({
    stepId: row.step_id as string,
    sourceRunId: Number(row.source_run_id),
    sourceStatus: (row.status as StepStatus | null) ?? null,
    sourceSettledBy: (row.settled_by as SettledBy | null) ?? null,
    outputs: (row.outputs as StoredOutputs | null) ?? null,
    proofs: (row.proofs as ReusedStep['proofs']).map((p) => ({ id: Number(p.id), seq: p.seq, kind: p.kind })),
  }));
}
