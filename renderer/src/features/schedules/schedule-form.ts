import type { CatchUpPolicy, NewSchedule, OverlapPolicy, ScheduleTarget } from '../../../../shared/domain/schedule.ts';
import { parseEnv } from '../servers/server-form.ts';

/** The add form's fields, all text as typed. */
export interface ScheduleForm {
  name: string;
  cron: string;
  timezone: string;
  targetKind: ScheduleTarget['kind'];
  plan: string;
  skill: string;
  command: string;
  params: string;
  overlap: OverlapPolicy;
  catchUp: CatchUpPolicy;
  catchUpLimit: string;
  lane: string;
}

export const emptyForm = (timezone: string): ScheduleForm => ({
  name: '', cron: '', timezone, targetKind: 'plan', plan: '', skill: '', command: '', params: '',
  overlap: 'skip', catchUp: 'once', catchUpLimit: '10', lane: 'auto',
});

/** NAME=VALUE lines (blank lines and # comments skipped), as text: the core converts each to its parameter's type. */
export function parseParams(text: string): { params: Record<string, string>; errors: string[] } {
  const { env: params, errors } = parseEnv(text, 'NAME');
  return { params, errors };
}

/** The form as `schedules.add` takes it, or the problems only the form can see. */
export function toNewSchedule(form: ScheduleForm): { input: NewSchedule } | { errors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  const { params, errors: paramErrors } = parseParams(form.params);
  if (paramErrors.length) errors.params = paramErrors;
  const target: ScheduleTarget = form.targetKind === 'plan' ? { kind: 'plan', name: form.plan }
    : form.targetKind === 'skill' ? { kind: 'skill', name: form.skill } : { kind: 'command', text: form.command.trim() };
  if ((target.kind === 'command' ? target.text : target.name) === '') {
    errors.target = [target.kind === 'command' ? 'Type the command to run.' : `Choose the ${target.kind} to run.`];
  }
  if (!form.cron.trim()) errors.cron = ['Give a cron expression, e.g. 0 3 * * * (03:00 every day).'];
  const limit = Number(form.catchUpLimit);
  if (form.catchUp === 'all' && !(Number.isInteger(limit) && limit >= 1 && limit <= 1000)) errors.catchUpLimit = ['A whole number from 1 to 1000.'];
  if (Object.keys(errors).length) return { errors };
  return {
    input: {
      name: form.name.trim(), cron: form.cron.trim(), timezone: form.timezone.trim() || undefined, target, params, paramsAreText: true,
      overlap: form.overlap, catchUp: form.catchUp, catchUpLimit: form.catchUp === 'all' ? limit : undefined, lane: form.lane,
    },
  };
}

// A call's INVALID_INPUT issues by form field (`target.name` → target), as the server form groups them.
export { issuesByField } from '../servers/server-form.ts';
