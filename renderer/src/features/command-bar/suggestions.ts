import { isRequiredParam, paramFromText, paramValueProblem, type Param, type ParamValue } from '../../../../shared/ir/params.ts';
import type { RecentCommand } from '../../../../shared/ipc/methods/plans.ts';
import type { PlanOutline } from '../../../../shared/ipc/methods/runs.ts';

export type Suggestion =
  | { kind: 'recent'; key: string; command: string; uses: number; lastRunAt: Date }
  | { kind: 'plan'; key: string; plan: PlanOutline; pinned: boolean };

/** A plan as plans.list gives it; `pinned` absent counts as not pinned. */
export type PlanChoice = PlanOutline & { pinned?: boolean };

/** Every typed word must appear in the text, in any order and case: "nginx rest" finds "systemctl restart nginx". */
export function matchesQuery(text: string, query: string): boolean {
  const haystack = text.toLowerCase();
  return query.toLowerCase().split(/\s+/).filter(Boolean).every((word) => haystack.includes(word));
}

/**
 * Recent commands, then plans (pinned ones first), both filtered by what is typed: the command bar's list, in
 * arrow-key order.
 */
export function suggest(query: string, recent: readonly RecentCommand[], plans: readonly PlanChoice[], perGroup = 8): Suggestion[] {
  const commands = recent
    .filter((r) => matchesQuery(r.command, query))
    // The exact command typed is what Enter runs anyway: listing it again would only add a step.
    .filter((r) => r.command !== query.trim())
    .slice(0, perGroup)
    .map((r): Suggestion => ({ kind: 'recent', key: `recent:${r.command}`, command: r.command, uses: r.uses, lastRunAt: r.lastRunAt }));
  const planItems = plans
    .filter((p) => matchesQuery(`${p.name} ${p.description ?? ''}`, query))
    .sort((a, b) => Number(b.pinned ?? false) - Number(a.pinned ?? false)) // stable: each group keeps its order
    .slice(0, perGroup)
    .map((p): Suggestion => ({ kind: 'plan', key: `plan:${p.id}`, plan: p, pinned: p.pinned ?? false }));
  return [...commands, ...planItems];
}

/** The form shows only when the plan cannot run without it: a parameter with no default that is not optional. */
export const needsParamForm = (plan: Pick<PlanOutline, 'params'>): boolean => Object.values(plan.params).some(isRequiredParam);

/** What the parameter form holds: text for every field but a checkbox (numbers as typed), booleans for those. */
export type ParamDraft = Record<string, string | boolean>;

export function initialDraft(plan: Pick<PlanOutline, 'params'>): ParamDraft {
  const draft: ParamDraft = {};
  for (const [name, param] of Object.entries(plan.params)) {
    draft[name] = param.type === 'boolean' ? param.default === true : param.default === undefined ? '' : String(param.default);
  }
  return draft;
}

/**
 * The form's values as runs.runPlan wants them, or an error per field, checked with the core's own rules
 * (paramValueProblem: type, min/max, pattern, choices) so the form says what the core would. An empty field
 * is left out: the plan's default applies, an optional parameter binds "", a required one is reported.
 * Text is sent as typed; a secret's value never appears in its error.
 */
export function draftToParams(params: Record<string, Param>, draft: ParamDraft):
  { ok: true; values: Record<string, ParamValue> } | { ok: false; errors: Record<string, string> } {
  const values: Record<string, ParamValue> = {};
  const errors: Record<string, string> = {};
  for (const [name, param] of Object.entries(params)) {
    const raw = draft[name];
    if (param.type === 'boolean') {
      values[name] = raw === true;
      continue;
    }
    const text = typeof raw === 'string' ? raw : '';
    if (text.trim() === '') {
      if (isRequiredParam(param)) errors[name] = `${name} is required`;
      continue;
    }
    // Text that is not a number stays text: the check then says what the field must be.
    const value = paramFromText(param, text) ?? text;
    const problem = paramValueProblem(param, value);
    if (problem) errors[name] = `${name} ${problem}`;
    else values[name] = value;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, values };
}
