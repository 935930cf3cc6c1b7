import type { CompileOutcomeView } from '../../../../shared/ipc/methods/compile.ts';
import type { Param, ParamValue } from '../../../../shared/ir/params.ts';
import { initialDraft, type ParamDraft } from './suggestions.ts';

export type CompiledView = Extract<CompileOutcomeView, { status: 'compiled' }>;
export type NeedsParamsView = Extract<CompileOutcomeView, { status: 'needs-params' }>;

/** Enter runs what the text compiles to; Dry run only shows it. */
export type Intent = 'run' | 'preview';

/**
 * What the bar does once the core has compiled typed text: ask for the missing parameters, show the plan (a dry
 * run, or a natural-language draft, which never runs unseen), or queue it.
 */
export function afterCompile(outcome: CompileOutcomeView, intent: Intent):
  { kind: 'params'; outcome: NeedsParamsView } | { kind: 'preview'; outcome: CompiledView } | { kind: 'run' } {
  if (outcome.status === 'needs-params') return { kind: 'params', outcome };
  if (intent === 'preview' || outcome.draft) return { kind: 'preview', outcome };
  return { kind: 'run' };
}

/** The parameter form for typed text: defaults first, then the values the text already gave (key=value words). */
export function draftWithValues(params: Record<string, Param>, values: Record<string, ParamValue>): ParamDraft {
  const draft = initialDraft({ params });
  for (const [name, value] of Object.entries(values)) {
    if (Object.hasOwn(params, name)) draft[name] = typeof value === 'boolean' ? value : String(value);
  }
  return draft;
}
