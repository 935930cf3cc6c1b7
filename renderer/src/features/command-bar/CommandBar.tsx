import { useEffect, useId, useMemo, useState } from 'react';
import type { PlanOutline } from '../../../../shared/ipc/methods/runs.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { showToast } from '../../app/toasts.ts';
import { boardHash, runHash } from '../../app/route.ts';
import { navigate, useBoardQuery, useRoute } from '../../app/router.ts';
import { useLanes, usePlans, useRecentCommands, useSessions } from '../../data/queries.ts';
import { parseFilter } from '../board/filter-url.ts';
import { closeCommandBar, takeOfferedPlan, useOfferedPlanId } from './command-bar-store.ts';
import { CommandError } from './CommandError.tsx';
import { CommandInput } from './CommandInput.tsx';
import { PlanParamsForm } from './PlanParamsForm.tsx';
import { RunTargetFields } from './RunTargetFields.tsx';
import { SuggestionList } from './SuggestionList.tsx';
import { draftToParams, initialDraft, needsParamForm, suggest, type ParamDraft, type Suggestion } from './suggestions.ts';
import { useQueueRun, type QueueRequest, type RunTarget } from './use-queue-run.ts';

/**
 * Ctrl+K: type a shell command and press Enter, or pick a recent command or a plan (↑/↓, Enter). A plan with
 * parameters lacking defaults asks for them first. A queued run is announced with a toast and shows up on the
 * board; the bar never opens the run itself, so several can be queued in a row. A plan offered from outside
 * (a plan file opened in the desktop app) is shown with its parameter form, whatever its defaults: offering
 * a plan never runs it.
 */
export function CommandBar() {
  const boardQuery = useBoardQuery();
  const onBoard = useRoute().name === 'board';
  const sessions = useSessions();
  const lanes = useLanes();
  const recent = useRecentCommands();
  const plans = usePlans();
  const offeredPlanId = useOfferedPlanId();
  const queue = useQueueRun();
  const listId = useId();

  const [text, setText] = useState('');
  const [active, setActive] = useState(-1);
  const [plan, setPlan] = useState<PlanOutline | null>(null);
  const [draft, setDraft] = useState<ParamDraft>({});
  const [paramErrors, setParamErrors] = useState<Record<string, string>>({});
  const [target, setTarget] = useState<RunTarget>(() => ({ sessionId: parseFilter(boardQuery).sessionId, lane: 'auto' }));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const items = useMemo(() => suggest(text, recent.data ?? [], plans.data ?? []), [text, recent.data, plans.data]);
  const sessionChoices = (sessions.data ?? []).filter((s) => s.archivedAt === null || s.id === target.sessionId);

  const run = async (request: QueueRequest) => {
    setBusy(true);
    setError(null);
    try {
      const queued = await queue(request, target);
      closeCommandBar();
      if (!onBoard) navigate(boardHash(boardQuery));
      showToast({ message: `Run #${queued.id} queued on lane ${queued.lane}`, link: { href: runHash(queued.id), label: `Open run #${queued.id}` } });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const showPlan = (chosen: PlanOutline) => {
    setPlan(chosen);
    setDraft(initialDraft(chosen));
    setParamErrors({});
    setError(null);
  };

  const choose = (item: Suggestion) => {
    if (item.kind === 'recent') return void run({ kind: 'command', command: item.command });
    if (!needsParamForm(item.plan)) return void run({ kind: 'plan', planId: item.plan.id, params: {} });
    showPlan(item.plan);
  };

  // Waits for the list's refetch: the offered plan may have been stored after it was last fetched.
  useEffect(() => {
    if (offeredPlanId === null || plans.isFetching) return;
    takeOfferedPlan();
    const offered = plans.data?.find((p) => p.id === offeredPlanId);
    if (offered) return showPlan(offered);
    setPlan(null);
    setError(plans.error ?? new Error(`Plan #${offeredPlanId} is not stored here: pick a plan from the list.`));
  }, [offeredPlanId, plans.isFetching, plans.data, plans.error]);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (plan) {
      const parsed = draftToParams(plan.params, draft);
      if (!parsed.ok) return setParamErrors(parsed.errors);
      setParamErrors({});
      return void run({ kind: 'plan', planId: plan.id, params: parsed.values });
    }
    const item = items[active];
    if (item) return choose(item);
    // An empty command goes to the core too: its INVALID_INPUT message is the one to show.
    void run({ kind: 'command', command: text });
  };

  const backToList = () => {
    setPlan(null);
    setError(null);
  };

  return (
    <Dialog label="Command bar" onClose={closeCommandBar} className="command-bar">
      <form className="command-form" onSubmit={submit} aria-busy={busy} noValidate
        onKeyDown={(e) => {
          // In the parameter form Esc goes back to the list; a second Esc closes the bar.
          if (e.key === 'Escape' && plan) {
            e.preventDefault();
            backToList();
          }
        }}>
        {plan ? (
          <div className="plan-head">
            <button type="button" className="btn btn-small btn-quiet" onClick={backToList}>← Back</button>
            <span>Run plan <strong>{plan.name}</strong></span>
          </div>
        ) : (
          <CommandInput
            value={text}
            listId={listId}
            count={items.length}
            active={active}
            onChange={(value) => {
              setText(value);
              setActive(-1);
              setError(null);
            }}
            onActiveChange={setActive}
          />
        )}
        {plan ? (
          <PlanParamsForm plan={plan} draft={draft} errors={paramErrors} onChange={setDraft} />
        ) : (
          <SuggestionList id={listId} items={items} active={active} onChoose={choose} onHover={setActive} />
        )}
        <CommandError error={error} />
        <div className="command-footer">
          <RunTargetFields sessions={sessionChoices} lanes={lanes.data ?? []} target={target} onChange={setTarget} />
          <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Queueing…' : 'Run'}</button>
        </div>
      </form>
    </Dialog>
  );
}
