import { z } from 'zod';
import { ProofSchema, Sha256Schema } from './proof.ts';
import { RerunKindSchema, RunStatusSchema, type RerunKind, type SettledBy } from './run.ts';

/** A step whose recorded outcome no longer held when it was checked again: a re-check proof that failed. */
export const DriftSchema = z.object({
  stepId: z.string(),
  verifierKind: ProofSchema.shape.verifierKind,
  summary: z.string(),
});
export type Drift = z.infer<typeof DriftSchema>;

/** A run started from another one (its parent): how, how it went, and what it found no longer holds. */
export const RerunChildSchema = z.object({
  id: z.number().int(),
  rerunKind: RerunKindSchema,
  status: RunStatusSchema,
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
  error: z.string().nullable(),
  /** Its failed re-checks (latest attempt): for a re-prove, the drift; for a refused resume, why. */
  drift: z.array(DriftSchema),
});
export type RerunChild = z.infer<typeof RerunChildSchema>;

/** A re-check proof beside the proof it re-checked: old verdict vs new, for the drift view. */
export const RecheckSchema = z.object({
  proofId: z.number().int(),
  stepId: z.string(),
  seq: z.number().int(),
  verifierKind: ProofSchema.shape.verifierKind,
  passed: z.boolean(),
  summary: z.string(),
  evidenceSha256: Sha256Schema,
  /** Null when the old proof was purged (or the executor had none to link). */
  of: z.object({
    proofId: z.number().int(),
    runId: z.number().int(),
    passed: z.boolean(),
    summary: z.string(),
    evidenceSha256: Sha256Schema,
    finishedAt: z.date(),
  }).nullable(),
});
export type Recheck = z.infer<typeof RecheckSchema>;

/** A run's place among its reruns: the run it repeats, the runs that repeat it, and its own re-checks. */
export const RerunHistorySchema = z.object({
  parent: z.object({ id: z.number().int(), status: RunStatusSchema, title: z.string() }).nullable(),
  children: z.array(RerunChildSchema),
  rechecks: z.array(RecheckSchema),
});
export type RerunHistory = z.infer<typeof RerunHistorySchema>;

/** How a step settled without its action, as the run view and `opsroom runs show` say it; null when it ran. */
export function settledLabel(step: { settledBy: SettledBy; reusedFrom: number | null }): string | null {
  switch (step.settledBy) {
    case 'run': return null;
    case 'reuse': return step.reusedFrom === null ? 'reused' : `reused from #${step.reusedFrom}`;
    case 'precheck': return 'already satisfied';
    case 'condition': return 'condition false';
    case 'disabled': return 'disabled';
  }
}

/** What each kind of rerun is called where a person reads it. */
export const RERUN_KIND_LABELS: Record<RerunKind, string> = {
  rerun: 'rerun', resume: 'resume', 'from-step': 'rerun from a step', edit: 'edited parameters', reprove: 're-prove',
};
