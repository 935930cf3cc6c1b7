import { useId } from 'react';

export interface StepChoice {
  id: string;
  label: string;
}

/** Which lines show: one step or all, with or without the run's system lines. */
export function LogFilters({ steps, stepId, onStep, system, onSystem }: {
  steps: readonly StepChoice[];
  stepId: string | null;
  onStep: (stepId: string | null) => void;
  system: boolean;
  onSystem: (system: boolean) => void;
}) {
  const selectId = useId();
  return (
    <div className="log-filters">
      <span className="inline-field">
        {/* A label beside the select, not around it: around it, the chosen option would join the select's name. */}
        <label className="field-label" htmlFor={selectId}>Step</label>
        <select id={selectId} className="input input-small" value={stepId ?? ''} onChange={(event) => onStep(event.target.value || null)}>
          <option value="">All steps</option>
          {steps.map((step) => <option key={step.id} value={step.id}>{step.label}</option>)}
        </select>
      </span>
      <label className="checkbox-label">
        <input type="checkbox" checked={system} onChange={(event) => onSystem(event.target.checked)} />
        <span>Show system lines</span>
      </label>
    </div>
  );
}
