import { SHOWN_DOCUMENT_FORMAT, type ShownDocument, type ShownEvidence } from '../../../../shared/domain/approval.ts';
import type { Proof } from '../../../../shared/domain/proof.ts';
import type { Run, RunStep } from '../../../../shared/domain/run.ts';
import type { ApprovalInput } from '../../../../shared/ir/operations.ts';
import type { Plan, Step } from '../../../../shared/ir/plan.ts';
import { ancestors } from '../../../../shared/ir/step-order.ts';
import { evidenceSha256 } from '../../proofs/evidence.ts';
import { cleanJson } from '../../queue/clean-text.ts';
import type { SecretMask } from '../secret-mask.ts';

export interface ShownSources {
  run: Run;
  steps: RunStep[];
  plan: Plan;
  planSha256: string;
  proofs: Proof[];
  step: Step;
  /** The step's input with its references resolved (the prompt and diff as the person reads them). */
  input: ApprovalInput;
  /** The run's secret values, masked in the whole document before it is hashed (null: the run has none). */
  mask: SecretMask | null;
}

/**
 * The document an approval shows, built from what is stored: the run (plan, its hash, the parameters), the
 * approval step as declared, the prompt and diff as resolved, and the latest proofs of the steps shown (by
 * default every step the approval needs, transitively). Masked as the executor masks what the run writes and
 * cleaned as jsonb will store it, so its digest is that of exactly what is stored, read back and proven.
 */
export function buildShownDocument(sources: ShownSources): { shown: ShownDocument; shownSha256: string } {
  const { run, plan, step, input } = sources;
  const shownIds = input.show ?? [...(ancestors(plan.steps).get(step.id) ?? [])];
  // In plan order, so the person reads the evidence in the order the steps are declared.
  const ordered = plan.steps.map((s) => s.id).filter((id) => shownIds.includes(id));
  const unknown = shownIds.filter((id) => !ordered.includes(id));
  if (unknown.length) throw new Error(`show names unknown step${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`);
  const document: ShownDocument = {
    format: SHOWN_DOCUMENT_FORMAT,
    run: { id: run.id, title: run.title, plan: plan.name, planSha256: sources.planSha256, params: run.input },
    step: step as unknown as Record<string, unknown>,
    prompt: input.prompt,
    diff: input.diff ?? null,
    evidence: ordered.map((id) => evidenceOf(id, sources)),
  };
  const shown = cleanJson(sources.mask ? sources.mask.json(document) : document);
  return { shown, shownSha256: evidenceSha256(shown) };
}

/** A step's status and the proofs of its latest try (the newest attempt and try it has proofs for). */
function evidenceOf(stepId: string, { steps, proofs }: ShownSources): ShownEvidence {
  const row = steps.find((s) => s.stepId === stepId);
  const own = proofs.filter((p) => p.stepId === stepId);
  const latest = own.reduce<Proof | null>((best, p) => (!best || p.attempt > best.attempt || (p.attempt === best.attempt && p.try > best.try) ? p : best), null);
  const kept = latest ? own.filter((p) => p.attempt === latest.attempt && p.try === latest.try) : [];
  return {
    stepId,
    status: row?.status ?? 'pending',
    settledBy: row?.settledBy ?? 'run',
    proofs: kept.map((p) => ({ id: p.id, verifierKind: p.verifierKind, passed: p.passed, summary: p.summary, evidenceSha256: p.evidenceSha256 })),
  };
}
