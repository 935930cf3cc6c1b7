import { useId, useState } from 'react';
import { FieldError } from '../../components/FieldError.tsx';
import { FormField } from '../../components/FormField.tsx';
import { errorIssues, errorMessage } from '../../data/errors.ts';
import { useLanes, usePlans, useSkills } from '../../data/queries.ts';
import { CronPreview } from './CronPreview.tsx';
import { LOCAL_ZONE } from './FireTimes.tsx';
import { emptyForm, issuesByField, toNewSchedule, type ScheduleForm } from './schedule-form.ts';
import { TargetFields } from './TargetFields.tsx';
import { useScheduleActions } from './use-schedules.ts';

const ZONES = Intl.supportedValuesOf('timeZone');

/**
 * Add a schedule. The cron field previews the next five fire times (or the parse error) as it is typed, from
 * the core's own parser; everything else the core checks on save (the target exists, the parameters bind), and
 * each problem comes back under its field or above the buttons.
 */
export function AddScheduleForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const actions = useScheduleActions();
  const plans = usePlans();
  const skills = useSkills();
  const lanes = useLanes();
  const [form, setForm] = useState<ScheduleForm>(() => emptyForm(LOCAL_ZONE));
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);
  const id = useId();
  const set = <K extends keyof ScheduleForm>(field: K) => (value: ScheduleForm[K]) => setForm((f) => ({ ...f, [field]: value }));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const checked = toNewSchedule(form);
    if ('errors' in checked) return setErrors(checked.errors);
    setBusy(true);
    setErrors({});
    try {
      await actions.add(checked.input);
      onDone();
    } catch (e) {
      const byField = issuesByField(errorIssues(e));
      setErrors(Object.keys(byField).length ? byField : { '': [errorMessage(e)] });
      setBusy(false);
    }
  };

  return (
    <form className="panel schedule-form" aria-label="Add schedule" onSubmit={submit} noValidate>
      <h2 className="panel-title">Add a schedule</h2>
      <div className="form-grid">
        <FormField label="Name" value={form.name} onChange={set('name')} errors={errors.name} autoFocus
          hint="Letters, digits, “_”, “.” or “-”: opsroom schedules pause NAME uses it." />
        <div className="form-field">
          <label className="field-label" htmlFor={`${id}-cron`}>Cron expression</label>
          <input id={`${id}-cron`} className="input mono" value={form.cron} spellCheck={false} aria-describedby={`${id}-preview`}
            aria-invalid={errors.cron ? true : undefined} onChange={(e) => set('cron')(e.target.value)} placeholder="0 3 * * *" />
          <p className="field-hint">minute hour day-of-month month day-of-week; a sixth field in front for seconds; or @daily.</p>
          <FieldError id={`${id}-cron-error`} messages={errors.cron} />
          <CronPreview cron={form.cron} timezone={form.timezone} id={`${id}-preview`} />
        </div>
        <div className="form-field">
          <label className="field-label" htmlFor={`${id}-zone`}>Time zone</label>
          <input id={`${id}-zone`} className="input" list={`${id}-zones`} value={form.timezone} spellCheck={false}
            onChange={(e) => set('timezone')(e.target.value)} />
          <datalist id={`${id}-zones`}>{ZONES.map((zone) => <option key={zone} value={zone} />)}</datalist>
          <p className="field-hint">The expression is read in this zone (IANA name; this machine’s is {LOCAL_ZONE}).</p>
          <FieldError id={`${id}-zone-error`} messages={errors.timezone} />
        </div>
        <TargetFields form={form} set={set} errors={errors.target} plans={plans.data ?? []} skills={skills.data?.skills ?? []} />
        <FormField label="Parameters" value={form.params} onChange={set('params')} errors={errors.params} multiline mono
          hint="NAME=VALUE lines. A secret’s value is kept in the secret store, never in the database." />
        <label className="form-field">
          <span className="field-label">If the previous run has not ended</span>
          <select className="input" value={form.overlap} onChange={(e) => set('overlap')(e.target.value as ScheduleForm['overlap'])}>
            <option value="skip">skip the slot</option>
            <option value="queue">run it after the previous one</option>
            <option value="replace">cancel the previous run</option>
          </select>
        </label>
        <label className="form-field">
          <span className="field-label">Slots missed while the app was closed</span>
          <select className="input" value={form.catchUp} onChange={(e) => set('catchUp')(e.target.value as ScheduleForm['catchUp'])}>
            <option value="skip">skip them</option>
            <option value="once">run once</option>
            <option value="all">run each, up to a limit</option>
          </select>
        </label>
        {form.catchUp === 'all' && (
          <FormField label="Catch-up limit" value={form.catchUpLimit} onChange={set('catchUpLimit')} errors={errors.catchUpLimit}
            hint="At most this many missed slots run (the newest)." />
        )}
        <label className="form-field">
          <span className="field-label">Lane</span>
          <select className="input" value={form.lane} onChange={(e) => set('lane')(e.target.value)}>
            <option value="auto">auto (least busy)</option>
            {(lanes.data ?? []).map((lane) => <option key={lane.name} value={lane.name}>{lane.name}{lane.paused ? ' (paused)' : ''}</option>)}
          </select>
        </label>
      </div>
      {errors['']?.length ? <p className="field-error" role="alert"><span aria-hidden="true">⚠ </span>{errors[''].join('; ')}</p> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Saving…' : 'Save schedule'}</button>
        <button type="button" className="btn btn-quiet" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
