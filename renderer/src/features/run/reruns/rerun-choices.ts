import { TERMINAL_STATUSES, type Run, type RunStep } from '../../../../../shared/domain/run.ts';
import { isSecretMarker } from '../../../../../shared/domain/secret-marker.ts';
import type { Param, ParamValue } from '../../../../../shared/ir/params.ts';
import { draftWithValues } from '../../command-bar/compile-flow.ts';
import { draftToParams, type ParamDraft } from '../../command-bar/suggestions.ts';

/** Which of Resume and Re-prove a run offers (Rerun: any finished one): none while it is queued or running. */
export function rerunChoices(run: Run, steps: readonly RunStep[]) {
  const finished = TERMINAL_STATUSES.includes(run.status);
  return {
    /** Something did not succeed: the core refuses to resume a run that succeeded. Not offered on a re-prove:
     * what drifted there is rerun from its step (its source run's "Rerun from"). */
    resume: finished && run.status !== 'succeeded' && run.rerunKind !== 'reprove',
    /** Something succeeded, so there is something to re-check. */
    reprove: finished && steps.some((s) => s.status === 'succeeded'),
  };
}

/**
 * The run "Rerun from this step" repeats. A reused step that failed its re-check (a refused resume) stands for
 * its source run's outcome: rerunning from it there is what the refusal suggests, and keeps the link to that run.
 */
export function fromStepTarget(run: Run, step: RunStep | null): number {
  return step?.settledBy === 'reuse' && step.status === 'failed' && step.reusedFrom !== null ? step.reusedFrom : run.id;
}

export interface EditForm {
  /** The plan's parameters as the form shows them: a secret the run stored is optional (empty keeps it). */
  params: Record<string, Param>;
  draft: ParamDraft;
}

/** "Edit parameters and rerun": the form prefilled with the run's values; secrets are never read back. */
export function editForm(params: Record<string, Param>, run: Run): EditForm {
  const values: Record<string, ParamValue> = {};
  const shown: Record<string, Param> = {};
  for (const [name, param] of Object.entries(params)) {
    const value = run.input[name];
    if (isSecretMarker(value)) {
      shown[name] = { ...param, required: false, default: undefined,
        description: `Left empty, the value run #${run.id} used is kept (it is never shown).` };
    } else {
      shown[name] = param;
      if (value !== undefined) values[name] = value as ParamValue;
    }
  }
  return { params: shown, draft: draftWithValues(shown, values) };
}

/**
 * The form's values as runs.rerun takes them, checked with the core's rules. An emptied field goes back to the
 * plan's default (or "" for an optional one) instead of silently keeping the old value; an empty secret is left
 * out, so the core keeps the stored one.
 */
export function editedParams(form: EditForm, draft: ParamDraft):
  { ok: true; values: Record<string, ParamValue> } | { ok: false; errors: Record<string, string> } {
  const parsed = draftToParams(form.params, draft);
  if (!parsed.ok) return parsed;
  const values = { ...parsed.values };
  for (const [name, param] of Object.entries(form.params)) {
    if (Object.hasOwn(values, name) || param.type === 'secret') continue;
    if (param.default !== undefined) values[name] = param.default;
    else if (param.required === false) values[name] = '';
  }
  return { ok: true, values };
}
