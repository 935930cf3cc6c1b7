import { useId } from 'react';
import type { PlanListItem } from '../../../../shared/ipc/methods/plans.ts';
import type { SkillSummary } from '../../../../shared/skills/skill-schema.ts';
import { FieldError } from '../../components/FieldError.tsx';
import type { ScheduleForm } from './schedule-form.ts';

/** What runs at each slot: a stored plan (its newest version), a skill, or a command in the command bar's grammar. */
export function TargetFields({ form, set, errors, plans, skills }: {
  form: ScheduleForm;
  set: <K extends keyof ScheduleForm>(field: K) => (value: ScheduleForm[K]) => void;
  errors: readonly string[] | undefined;
  plans: readonly PlanListItem[];
  skills: readonly SkillSummary[];
}) {
  const id = useId();
  return (
    <div className="form-field target-fields">
      <label className="field-label" htmlFor={`${id}-kind`}>Runs</label>
      <select id={`${id}-kind`} className="input" value={form.targetKind}
        onChange={(e) => set('targetKind')(e.target.value as ScheduleForm['targetKind'])}>
        <option value="plan">a stored plan</option>
        <option value="skill">a skill</option>
        <option value="command">a command</option>
      </select>
      {form.targetKind === 'plan' && (
        <select className="input" aria-label="Plan" value={form.plan} onChange={(e) => set('plan')(e.target.value)}>
          <option value="">Choose a plan…</option>
          {plans.map((plan) => <option key={plan.id} value={plan.name}>{plan.name}</option>)}
        </select>
      )}
      {form.targetKind === 'skill' && (
        <select className="input" aria-label="Skill" value={form.skill} onChange={(e) => set('skill')(e.target.value)}>
          <option value="">Choose a skill…</option>
          {skills.map((skill) => <option key={skill.name} value={skill.name}>/{skill.name} — {skill.title}</option>)}
        </select>
      )}
      {form.targetKind === 'command' && (
        <input className="input mono" aria-label="Command" value={form.command} spellCheck={false} placeholder="pg_dump -Fc app > /backups/app.dump"
          onChange={(e) => set('command')(e.target.value)} />
      )}
      <p className="field-hint">A plan runs its newest version; a command is read as the command bar reads it (/skill, a file, a shell command).</p>
      <FieldError id={`${id}-error`} messages={errors} />
    </div>
  );
}
