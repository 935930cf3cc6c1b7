import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Core } from '../../../electron/core/index.ts';
import { scheduleCore, testClock } from './schedule-kit.ts';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

// Next fire times are computed in the schedule's zone, so a daily 09:00 follows the zone's clock across a DST
// change; bad expressions and zones are refused with a message that says what is wrong, and nothing is stored.
describe('schedules: cron expressions and time zones', () => {
  const clock = testClock('2026-03-06T12:00:00Z');
  let core: Core;
  before(async () => { ({ core } = await scheduleCore(clock)); });
  after(() => core?.close());

  test('09:00 in America/New_York is 14:00 UTC before the spring change and 13:00 after it', async () => {
    const added = await core.schedules.add({ name: 'ny-morning', cron: '0 9 * * *', timezone: 'America/New_York', target: { kind: 'command', text: 'true' } });
    // The US moves its clocks on Sunday 8 March 2026, 02:00 → 03:00.
    assert.deepEqual(iso(added.nextFires), [
      '2026-03-06T14:00:00.000Z', '2026-03-07T14:00:00.000Z', '2026-03-08T13:00:00.000Z', '2026-03-09T13:00:00.000Z', '2026-03-10T13:00:00.000Z',
    ]);
    assert.equal(added.timezone, 'America/New_York');
    assert.deepEqual(added.target, { kind: 'command', text: '$ true' }, 'a shell command is stored in its explicit form');
  });

  test('a fixed time inside the skipped hour runs once, at the first valid time after it; a repeated hour once', async () => {
    // Europe/Berlin: 29 March 2026 02:00 → 03:00 (02:30 does not exist); 25 October 2026 03:00 → 02:00 (02:30 twice).
    clock.set('2026-03-27T12:00:00Z');
    const springNext = await core.schedules.preview('30 2 * * *', 'Europe/Berlin', 3);
    assert.ok('nextFires' in springNext);
    assert.deepEqual(iso(springNext.nextFires), ['2026-03-28T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']);
    clock.set('2026-10-24T12:00:00Z');
    const autumn = await core.schedules.preview('30 2 * * *', 'Europe/Berlin', 3);
    assert.ok('nextFires' in autumn);
    assert.deepEqual(iso(autumn.nextFires), ['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z', '2026-10-27T01:30:00.000Z']);
    // Every 30 minutes through the repeated hour: both 02:00 and both 02:30 occur.
    const stepped = await core.schedules.preview('*/30 2 * * *', 'Europe/Berlin', 4);
    assert.ok('nextFires' in stepped);
    assert.deepEqual(iso(stepped.nextFires), ['2026-10-25T00:00:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-25T01:00:00.000Z', '2026-10-25T01:30:00.000Z']);
    clock.set('2026-03-06T12:00:00Z');
  });

  test('six fields: seconds first; a zone is stored by its canonical name', async () => {
    const added = await core.schedules.add({ name: 'every-10s', cron: '*/10 * * * * *', timezone: 'europe/berlin', target: { kind: 'command', text: 'true' } });
    assert.equal(added.timezone, 'Europe/Berlin');
    assert.deepEqual(iso(added.nextFires).slice(0, 3), ['2026-03-06T12:00:10.000Z', '2026-03-06T12:00:20.000Z', '2026-03-06T12:00:30.000Z']);
  });

  test('a bad expression, a date that never comes, a bad zone: each refused, saying why; nothing stored', async () => {
    const add = (cron: string, timezone = 'UTC') => core.schedules.add({ name: 'bad', cron, timezone, target: { kind: 'command', text: 'true' } });
    await assert.rejects(add('61 * * * *'), { code: 'INVALID_INPUT', message: /^invalid cron expression "61 \* \* \* \*": Invalid value for minute: 61 \(5 fields \(minute hour day-of-month month day-of-week\), or 6 with seconds first\)$/ });
    await assert.rejects(add('* * *'), { code: 'INVALID_INPUT', message: /invalid cron expression "\* \* \*": .*five, six, or seven/ });
    await assert.rejects(add('0 0 1 1 * * 2020'), { code: 'INVALID_INPUT', message: /requires exactly 5 or 6 parts/ });
    await assert.rejects(add('0 0 31 2 *'), { code: 'INVALID_INPUT', message: 'the cron expression "0 0 31 2 *" never fires (no date matches it)' });
    await assert.rejects(add('0 3 * * *', 'Mars/Olympus'), {
      code: 'INVALID_INPUT', message: 'unknown time zone "Mars/Olympus": give an IANA name such as UTC, Europe/Berlin or America/New_York',
    });
    await assert.rejects(core.schedules.update('ny-morning', { cron: 'every day' }), { code: 'INVALID_INPUT', message: /invalid cron expression "every day"/ });
    await assert.rejects(core.schedules.update('ny-morning', { timezone: 'Nowhere' }), { code: 'INVALID_INPUT', message: /unknown time zone "Nowhere"/ });
    assert.deepEqual(await core.schedules.preview('61 * * * *', 'UTC'), { error: 'invalid cron expression "61 * * * *": Invalid value for minute: 61 (5 fields (minute hour day-of-month month day-of-week), or 6 with seconds first)' });
    assert.deepEqual(await core.schedules.preview('0 3 * * *', 'Nowhere'), { error: 'unknown time zone "Nowhere": give an IANA name such as UTC, Europe/Berlin or America/New_York' });
    const { schedules } = await core.schedules.list();
    assert.deepEqual(schedules.map((s) => [s.name, s.cron, s.timezone]), [['every-10s', '*/10 * * * * *', 'Europe/Berlin'], ['ny-morning', '0 9 * * *', 'America/New_York']]);
  });

  test('changing the expression moves the next fire times; unknown names are UNKNOWN_SCHEDULE', async () => {
    const updated = await core.schedules.update('ny-morning', { cron: '0 18 * * 1-5' });
    assert.deepEqual(iso(updated.nextFires).slice(0, 2), ['2026-03-06T23:00:00.000Z', '2026-03-09T22:00:00.000Z'], 'Friday 18:00 EST, then Monday 18:00 EDT');
    await assert.rejects(core.schedules.pause('nope'), { code: 'UNKNOWN_SCHEDULE', message: 'there is no schedule named "nope" (opsroom schedules list shows them)' });
    await assert.rejects(core.schedules.add({ name: 'ny-morning', cron: '0 9 * * *', target: { kind: 'command', text: 'true' } }),
      { code: 'INVALID_INPUT', message: 'a schedule named "ny-morning" already exists: pick another name, or remove it first' });
  });
});
