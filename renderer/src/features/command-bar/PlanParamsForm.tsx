import { useId } from 'react';
import type { PlanOutline } from '../../../../shared/ipc/methods/runs.ts';
import { FieldError } from '../../components/FieldError.tsx';
import type { ParamDraft } from './suggestions.ts';

/** A plan's parameters, one field each by type (text, number, checkbox), labelled by the parameter's name. */
export function PlanParamsForm({ plan, draft, errors, onChange }: {
  plan: PlanOutline;
  draft: ParamDraft;
  errors: Record<string, string>;
  onChange: (next: ParamDraft) => void;
}) {
  const baseId = useId();
  return (
    <fieldset className="plan-params">
      <legend>Parameters</legend>
      {Object.entries(plan.params).map(([name, param], index) => {
        const id = `${baseId}-${name}`;
        const hintId = `${id}-hint`;
        const errorId = `${id}-error`;
        const describedBy = [param.description ? hintId : '', errors[name] ? errorId : ''].filter(Boolean).join(' ') || undefined;
        const value = draft[name];
        if (param.type === 'boolean') {
          return (
            <div key={name} className="param-field">
              <label className="checkbox-label">
                <input type="checkbox" checked={value === true} aria-describedby={describedBy} autoFocus={index === 0}
                  onChange={(e) => onChange({ ...draft, [name]: e.target.checked })} />
                <code>{name}</code>
              </label>
              {param.description && <p id={hintId} className="field-hint">{param.description}</p>}
            </div>
          );
        }
        return (
          <div key={name} className="param-field">
            <label className="field-label" htmlFor={id}>
              <code>{name}</code>{param.default === undefined && <span className="required"> (required)</span>}
            </label>
            <input
              id={id}
              className="input"
              type={param.type === 'number' ? 'number' : 'text'}
              step={param.type === 'number' ? 'any' : undefined}
              value={typeof value === 'string' ? value : ''}
              required={param.default === undefined}
              aria-invalid={errors[name] ? true : undefined}
              aria-describedby={describedBy}
              autoFocus={index === 0}
              onChange={(e) => onChange({ ...draft, [name]: e.target.value })}
            />
            {param.description && <p id={hintId} className="field-hint">{param.description}</p>}
            <FieldError id={errorId} messages={errors[name] ? [errors[name]] : undefined} />
          </div>
        );
      })}
    </fieldset>
  );
}
