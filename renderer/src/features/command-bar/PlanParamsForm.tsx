import { useId } from 'react';
import type { PlanOutline } from '../../../../shared/ipc/methods/runs.ts';
import { isRequiredParam, type Param } from '../../../../shared/ir/params.ts';
import { FieldError } from '../../components/FieldError.tsx';
import type { ParamDraft } from './suggestions.ts';

/**
 * A plan's parameters, one field each by type — text, number (whole for an integer), a choice for an enum, a
 * password field for a secret, a checkbox for a boolean — labelled by the parameter's name. Values are checked
 * on submit (draftToParams), with the core's rules; the browser's own validation is off.
 */
export function PlanParamsForm({ plan, draft, errors, onChange }: {
  plan: Pick<PlanOutline, 'params'>;
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
        const required = isRequiredParam(param);
        const common = {
          id,
          className: 'input',
          value: typeof value === 'string' ? value : '',
          required,
          'aria-invalid': errors[name] ? true : undefined,
          'aria-describedby': describedBy,
          autoFocus: index === 0,
        };
        const change = (text: string) => onChange({ ...draft, [name]: text });
        return (
          <div key={name} className="param-field">
            <label className="field-label" htmlFor={id}>
              <code>{name}</code>{required && <span className="required"> (required)</span>}
            </label>
            {param.type === 'enum' ? (
              <select {...common} onChange={(e) => change(e.target.value)}>
                {param.default === undefined && <option value="">{required ? 'Choose…' : '(none)'}</option>}
                {(param.values ?? []).map((choice) => <option key={choice} value={choice}>{choice}</option>)}
              </select>
            ) : (
              <input {...common} {...inputKind(param)} onChange={(e) => change(e.target.value)} />
            )}
            {param.description && <p id={hintId} className="field-hint">{param.description}</p>}
            <FieldError id={errorId} messages={errors[name] ? [errors[name]] : undefined} />
          </div>
        );
      })}
    </fieldset>
  );
}

/** The input's type and bounds: a secret is a password field the browser must not remember. */
function inputKind(param: Param) {
  if (param.type === 'secret') return { type: 'password', autoComplete: 'off' };
  if (param.type === 'number' || param.type === 'integer') {
    return { type: 'number', step: param.type === 'integer' ? 1 : 'any', min: param.min, max: param.max };
  }
  return { type: 'text' };
}
