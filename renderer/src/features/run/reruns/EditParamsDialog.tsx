import { useMemo, useState } from 'react';
import type { RunDetail } from '../../../../../shared/ipc/methods/runs.ts';
import { Dialog } from '../../../components/Dialog.tsx';
import { errorMessage } from '../../../data/errors.ts';
import { PlanParamsForm } from '../../command-bar/PlanParamsForm.tsx';
import { dagOrder } from '../steps/step-order.ts';
import { editedParams, editForm } from './rerun-choices.ts';
import { useRerun } from './use-rerun.ts';

/**
 * "Edit parameters and rerun": the run's values prefilled (secrets left empty keep theirs), and from which
 * step to run; steps before it are reused after their proofs are re-checked. The new run opens on success.
 */
export function EditParamsDialog({ detail, onClose }: { detail: RunDetail; onClose: () => void }) {
  const form = useMemo(() => editForm(detail.plan.params, detail.run), [detail.plan.params, detail.run]);
  const order = useMemo(() => dagOrder(detail.plan.steps), [detail.plan.steps]);
  const [draft, setDraft] = useState(form.draft);
  const [fromStep, setFromStep] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const rerun = useRerun();

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = editedParams(form, draft);
    if (!parsed.ok) return setErrors(parsed.errors);
    setErrors({});
    rerun.mutate({ id: detail.run.id, request: { kind: 'edit', params: parsed.values, ...(fromStep ? { fromStep } : {}) } }, { onSuccess: onClose });
  };

  return (
    <Dialog label={`Edit parameters and rerun #${detail.run.id}`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 className="dialog-title">Edit parameters and rerun #{detail.run.id}</h2>
        <PlanParamsForm plan={form} draft={draft} errors={errors} onChange={setDraft} />
        <label className="field-label" htmlFor="rr-from-step">Run</label>
        <select id="rr-from-step" className="input" value={fromStep} onChange={(e) => setFromStep(e.target.value)}>
          <option value="">every step</option>
          {order.map((id) => <option key={id} value={id}>from {id} (and what needs it)</option>)}
        </select>
        {rerun.error && <p className="field-error" role="alert"><span aria-hidden="true">⚠ </span>{errorMessage(rerun.error)}</p>}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={rerun.isPending}>{rerun.isPending ? 'Queuing…' : 'Rerun with these values'}</button>
        </div>
      </form>
    </Dialog>
  );
}
