import { useEffect, useMemo, useState } from 'react';
import type { ParamValue } from '../../../../shared/ir/params.ts';
import type { PlanOutline } from '../../../../shared/ipc/methods/runs.ts';
import { showToast } from '../../app/toasts.ts';
import { boardHash, runHash } from '../../app/route.ts';
import { navigate, useBoardQuery, useRoute } from '../../app/router.ts';
import { usePlans, useRecentCommands, useSkills } from '../../data/queries.ts';
import { client } from '../../ipc/index.ts';
import { parseFilter } from '../board/filter-url.ts';
import { closeCommandBar, takeOfferedPlan, useOfferedPlanId } from './command-bar-store.ts';
import { afterCompile, draftWithValues, type CompiledView, type Intent, type NeedsParamsView } from './compile-flow.ts';
import { barSuggestions, skillText, type BarSuggestion } from './skill-suggestions.ts';
import { draftToParams, initialDraft, needsParamForm, type ParamDraft } from './suggestions.ts';
import { useQueueRun, type QueueRequest, type RunTarget } from './use-queue-run.ts';

type Values = Record<string, ParamValue>;

/** What the bar shows: the box and its list, a stored plan's form, typed text's missing parameters, a compiled plan. */
export type View =
  | { kind: 'list' }
  | { kind: 'plan'; plan: PlanOutline }
  | { kind: 'params'; text: string; outcome: NeedsParamsView }
  | { kind: 'preview'; text: string; params: Values; outcome: CompiledView };

/**
 * The command bar's state and what its keys and buttons do. Typed text goes to the core, which compiles it with
 * the one grammar (compile.preview): missing parameters open a form, a natural-language draft or a dry run shows
 * the plan, anything else is queued (runs.runText) — a recent command the same way, so a `/skill` re-runs as one.
 * `busy` names the action under way ('run' or 'preview'), so only its button says so.
 */
export function useCommandFlow() {
  const boardQuery = useBoardQuery();
  const onBoard = useRoute().name === 'board';
  const recent = useRecentCommands();
  const plans = usePlans();
  const skills = useSkills();
  const offeredPlanId = useOfferedPlanId();
  const queue = useQueueRun();

  const [text, setText] = useState('');
  const [active, setActive] = useState(-1);
  const [view, setView] = useState<View>({ kind: 'list' });
  const [draft, setDraft] = useState<ParamDraft>({});
  const [paramErrors, setParamErrors] = useState<Record<string, string>>({});
  const [target, setTarget] = useState<RunTarget>(() => ({ sessionId: parseFilter(boardQuery).sessionId, lane: 'auto' }));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<Intent | null>(null);

  const items = useMemo(() => barSuggestions(text, recent.data ?? [], plans.data ?? [], skills.data?.skills ?? []),
    [text, recent.data, plans.data, skills.data]);

  const fail = (e: unknown) => {
    setError(e);
    setBusy(null);
  };

  const run = async (request: QueueRequest) => {
    setBusy('run');
    setError(null);
    try {
      const queued = await queue(request, target);
      closeCommandBar();
      if (!onBoard) navigate(boardHash(boardQuery));
      showToast({ message: `Run #${queued.id} queued on lane ${queued.lane}`, link: { href: runHash(queued.id), label: `Open run #${queued.id}` } });
    } catch (e) {
      fail(e);
    }
  };

  const showForm = (next: Extract<View, { kind: 'plan' | 'params' }>, initial: ParamDraft) => {
    setView(next);
    setDraft(initial);
    setParamErrors({});
    setError(null);
  };

  /** Asks the core what the text compiles to, then asks for parameters, shows the plan, or queues it. */
  const compile = async (source: string, params: Values, intent: Intent) => {
    setBusy(intent);
    setError(null);
    try {
      const outcome = await client.call('compile.preview', { text: source, params });
      const next = afterCompile(outcome, intent);
      if (next.kind === 'run') return await run({ kind: 'text', text: source, params });
      setBusy(null);
      if (next.kind === 'preview') return setView({ kind: 'preview', text: source, params, outcome: next.outcome });
      showForm({ kind: 'params', text: source, outcome: next.outcome }, draftWithValues(next.outcome.params, next.outcome.values));
    } catch (e) {
      fail(e);
    }
  };

  const choose = (item: BarSuggestion) => {
    if (busy) return;
    // A skill fills the box ("/name "), ready for its key=value words: Enter then runs it, or asks for what is missing.
    if (item.kind === 'skill') {
      setText(skillText(item.skill));
      setActive(-1);
      return;
    }
    if (item.kind === 'recent') return void compile(item.command, {}, 'run');
    if (!needsParamForm(item.plan)) return void run({ kind: 'plan', planId: item.plan.id, params: {} });
    showForm({ kind: 'plan', plan: item.plan }, initialDraft(item.plan));
  };

  // Waits for the list's refetch: the offered plan may have been stored after it was last fetched.
  useEffect(() => {
    if (offeredPlanId === null || plans.isFetching) return;
    takeOfferedPlan();
    const offered = plans.data?.find((p) => p.id === offeredPlanId);
    if (offered) return showForm({ kind: 'plan', plan: offered }, initialDraft(offered));
    setView({ kind: 'list' });
    setError(plans.error ?? new Error(`Plan #${offeredPlanId} is not stored here: pick a plan from the list.`));
  }, [offeredPlanId, plans.isFetching, plans.data, plans.error]);

  /** The form's values, or null (each field's problem shown) when one is wrong. */
  const formValues = (params: NeedsParamsView['params']): Values | null => {
    const parsed = draftToParams(params, draft);
    setParamErrors(parsed.ok ? {} : parsed.errors);
    return parsed.ok ? parsed.values : null;
  };

  /** Enter or Run: whatever the view offers to run. */
  const submit = () => {
    if (busy) return;
    if (view.kind === 'plan') {
      const values = formValues(view.plan.params);
      return void (values && run({ kind: 'plan', planId: view.plan.id, params: values }));
    }
    if (view.kind === 'params') {
      const values = formValues(view.outcome.params);
      return void (values && run({ kind: 'text', text: view.text, params: values }));
    }
    if (view.kind === 'preview') {
      const { outcome } = view;
      return void run(outcome.draft ? { kind: 'draft', plan: outcome.plan, params: {} } : { kind: 'text', text: view.text, params: view.params });
    }
    const item = items[active];
    if (item) return choose(item);
    // Empty text goes to the core too: its INVALID_INPUT message is the one to show.
    void compile(text, {}, 'run');
  };

  /** Shows what the typed text (with the form's values, if asked for) compiles to; runs nothing. */
  const dryRun = () => {
    if (busy) return;
    if (view.kind !== 'params') return void compile(text, {}, 'preview');
    const values = formValues(view.outcome.params);
    if (values) void compile(view.text, values, 'preview');
  };

  const back = () => {
    setView({ kind: 'list' });
    setError(null);
  };

  const type = (value: string) => {
    setText(value);
    setActive(-1);
    setError(null);
  };

  return { text, type, active, setActive, items, view, draft, setDraft, paramErrors, target, setTarget, error, busy, choose, submit, dryRun, back };
}
