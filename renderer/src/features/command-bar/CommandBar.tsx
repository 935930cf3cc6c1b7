import { useId } from 'react';
import { Dialog } from '../../components/Dialog.tsx';
import { useLanes, useSessions } from '../../data/queries.ts';
import { closeCommandBar } from './command-bar-store.ts';
import { CommandError } from './CommandError.tsx';
import { CommandInput } from './CommandInput.tsx';
import { PlanParamsForm } from './PlanParamsForm.tsx';
import { PlanPreview } from './PlanPreview.tsx';
import { RunTargetFields } from './RunTargetFields.tsx';
import { SuggestionList } from './SuggestionList.tsx';
import { useCommandFlow } from './use-command-flow.ts';

/**
 * Ctrl+K: type a shell command, `/skill key=value …`, a plan or runbook file, or `? a request`, and press Enter;
 * or pick a skill, a recent command or a plan (↑/↓, Enter). Missing parameters are asked for, a natural-language
 * draft is shown for approval, anything else is queued; Dry run shows the compiled plan and runs nothing. A
 * queued run is announced with a toast; the bar never opens the run itself, so several can be queued in a row.
 * A plan offered from outside (a plan file opened in the desktop app) is shown with its parameter form.
 */
export function CommandBar() {
  const sessions = useSessions();
  const lanes = useLanes();
  const listId = useId();
  const flow = useCommandFlow();
  const { view, busy, target } = flow;
  const sessionChoices = (sessions.data ?? []).filter((s) => s.archivedAt === null || s.id === target.sessionId);

  return (
    <Dialog label="Command bar" onClose={closeCommandBar} className="command-bar">
      <form className="command-form" aria-busy={busy !== null} noValidate
        onSubmit={(e) => {
          e.preventDefault();
          flow.submit();
        }}
        onKeyDown={(e) => {
          // Away from the list Esc goes back to it; a second Esc closes the bar.
          if (e.key === 'Escape' && view.kind !== 'list') {
            e.preventDefault();
            flow.back();
          }
        }}>
        {view.kind === 'list' && (
          <>
            <CommandInput value={flow.text} listId={listId} count={flow.items.length} active={flow.active}
              onChange={flow.type} onActiveChange={flow.setActive} />
            <SuggestionList id={listId} items={flow.items} active={flow.active} onChoose={flow.choose} onHover={flow.setActive} />
          </>
        )}
        {(view.kind === 'plan' || view.kind === 'params') && (
          <>
            <div className="plan-head">
              <button type="button" className="btn btn-small btn-quiet" onClick={flow.back}>← Back</button>
              {view.kind === 'plan'
                ? <span>Run plan <strong>{view.plan.name}</strong></span>
                : <span>Run <code>{view.outcome.label}</code></span>}
            </div>
            <PlanParamsForm plan={view.kind === 'plan' ? view.plan : view.outcome} draft={flow.draft} errors={flow.paramErrors}
              onChange={flow.setDraft} />
          </>
        )}
        {view.kind === 'preview' && <PlanPreview outcome={view.outcome} onBack={flow.back} />}
        <CommandError error={flow.error} />
        <div className="command-footer">
          <RunTargetFields sessions={sessionChoices} lanes={lanes.data ?? []} target={target} onChange={flow.setTarget} />
          {(view.kind === 'list' || view.kind === 'params') && (
            <button type="button" className="btn" disabled={busy !== null} onClick={flow.dryRun}
              title="Show the plan this compiles to (steps, lanes, what proves each, the parameters); nothing runs">
              {busy === 'preview' ? 'Compiling…' : 'Dry run'}
            </button>
          )}
          <button type="submit" className="btn btn-primary" disabled={busy !== null}>
            {busy === 'run' ? 'Queueing…' : view.kind === 'preview' && view.outcome.draft ? 'Approve and run' : 'Run'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
