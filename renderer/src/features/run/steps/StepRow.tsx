import type { ReactNode } from 'react';
import type { RunStep } from '../../../../../shared/domain/run.ts';
import type { PlanOutline } from '../../../../../shared/ipc/methods/runs.ts';
import { formatDuration } from '../../../data/format.ts';
import { StepSettled } from '../reruns/StepRerun.tsx';
import { StepStatusBadge } from './StepStatusBadge.tsx';

export interface RunSpan {
  start: number;
  end: number;
}

/** One step: name (the button that filters the log), id, tool, state, when it started and how long it took. */
export function StepRow({ outline, step, span, now, selected, onSelect, actions }: {
  outline: PlanOutline['steps'][number];
  /** Null until the run's steps exist (a queued run). */
  step: RunStep | null;
  span: RunSpan | null;
  now: number;
  selected: boolean;
  onSelect: () => void;
  /** Below the step: what can be done with it (rerun from it). */
  actions?: ReactNode;
}) {
  const started = step?.startedAt?.getTime() ?? null;
  const ended = step?.finishedAt?.getTime() ?? (started !== null ? now : null);
  const bar = span && started !== null && ended !== null ? barPlace(span, started, ended) : null;
  return (
    <li className={`step-row${selected ? ' is-selected' : ''}`}>
      <div className="step-head">
        <button type="button" className="step-name" aria-pressed={selected} title="Show only this step's log" onClick={onSelect}>
          {outline.name ?? outline.id}
        </button>
        <StepStatusBadge status={step?.status ?? 'pending'} />
      </div>
      <div className="step-info">
        {outline.name && <code className="step-id">{outline.id}</code>}
        <span className="step-tool">{outline.tool}</span>
        {span && started !== null && <span>started +{formatDuration(started - span.start)}</span>}
        {started !== null && ended !== null && <span>took {formatDuration(ended - started)}</span>}
        {step?.exitCode != null && <span>exit {step.exitCode}</span>}
        <StepSettled step={step} />
      </div>
      {bar && (
        <div className="step-bar" aria-hidden="true">
          <div className={`step-bar-fill status-${step?.status ?? 'pending'}`} style={{ marginLeft: `${bar.left}%`, width: `${bar.width}%` }} />
        </div>
      )}
      {step?.error && <p className="step-error"><span aria-hidden="true">⚠ </span>{step.error}</p>}
      {actions}
    </li>
  );
}

/** Where a step's bar goes on the run's span, in percent; at least a sliver so a quick step stays visible. */
function barPlace(span: RunSpan, started: number, ended: number): { left: number; width: number } {
  const total = span.end - span.start;
  const left = Math.min(100, Math.max(0, ((started - span.start) / total) * 100));
  const width = Math.max(0.5, Math.min(100 - left, ((ended - started) / total) * 100));
  return { left, width };
}
