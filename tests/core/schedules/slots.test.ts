import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Cron } from 'croner';
import { planSlots } from '../../../electron/core/schedules/slots.ts';

/** Real croner, counting the slots the planner asks it to compute (each costs ~0.1 ms; a tick runs every second). */
function countedCron(expression: string): { cron: Cron; asked(): number } {
  const cron = new Cron(expression, { timezone: 'UTC', mode: '5-or-6-parts' });
  let asked = 0;
  const previousRuns = cron.previousRuns.bind(cron);
  cron.previousRuns = (n, reference) => {
    asked += n ?? 1;
    return previousRuns(n, reference);
  };
  return { cron, asked: () => asked };
}

const at = (iso: string) => new Date(iso);
const state = (lastSlot: string, catchUpLimit: number) => ({ lastSlot: at(lastSlot), catchUp: 'all' as const, catchUpLimit });

test('catch-up all with a high limit: a tick with nothing due, or one slot due, asks croner for a slot or two, not for the limit', () => {
  const idle = countedCron('* * * * *');
  assert.deepEqual(planSlots(idle.cron, state('2026-05-04T10:00:00Z', 1000), at('2026-05-04T10:00:30Z'), 60_000),
    { fire: [], missed: null, through: null });
  assert.equal(idle.asked(), 1);

  const due = countedCron('* * * * *');
  assert.deepEqual(planSlots(due.cron, state('2026-05-04T10:00:00Z', 1000), at('2026-05-04T10:01:00.500Z'), 60_000),
    { fire: [at('2026-05-04T10:01:00Z')], missed: null, through: at('2026-05-04T10:01:00Z') });
  assert.ok(due.asked() <= 3, `asked for ${due.asked()} slots`);
});

test('catch-up all after a gap: the newest `limit` slots fire oldest first, the ones before are told as missed', () => {
  const { cron } = countedCron('* * * * *');
  const plan = planSlots(cron, state('2026-05-04T10:00:00Z', 3), at('2026-05-04T10:20:10Z'), 60_000);
  assert.deepEqual(plan.fire, [at('2026-05-04T10:18:00Z'), at('2026-05-04T10:19:00Z'), at('2026-05-04T10:20:00Z')]);
  assert.deepEqual(plan.missed, { slot: at('2026-05-04T10:17:00Z'), count: 17, capped: false });
  assert.deepEqual(plan.through, at('2026-05-04T10:20:00Z'));
});
