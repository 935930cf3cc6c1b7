import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { createCore, type Core, type CoreOptions } from '../../../electron/core/index.ts';
import { createDatabase, startPostgres, type TestPostgres } from '../../helpers/postgres.ts';
import { tempDir } from '../../helpers/tmp.ts';
import { STOCK_SKILLS, scheduledRuns, testClock } from './schedule-kit.ts';

// Two app instances on one shared PostgreSQL 15 each run a scheduler. Racing for the same slot, exactly one of
// them fires it (the slot's row is the unique key) and exactly one run is queued.
describe('schedules: two schedulers on one PostgreSQL', () => {
  let server: TestPostgres;
  before(async () => { server = await startPostgres(); });
  after(() => server?.stop());

  const twoCores = async (t: { after(fn: () => Promise<void>): void }, db: string, schedules: CoreOptions['schedules']) => {
    const databaseUrl = createDatabase(server, db);
    const open = () => createCore({
      databaseUrl, dataDir: join(tempDir('opsroom-race-').path, 'data'), runWorkers: false, lanes: ['A'], stockSkillsDir: STOCK_SKILLS, schedules,
    });
    const cores: Core[] = [await open(), await open()];
    t.after(async () => { await Promise.all(cores.map((c) => c.close())); });
    return cores;
  };

  test('ticking at the same instant, every slot is fired by one scheduler and queues one run', async (t) => {
    const clock = testClock('2026-09-01T09:59:50Z');
    const [a, b] = await twoCores(t, 'race_ticks', { clock });
    const ids: number[] = [];
    for (let i = 0; i < 8; i++) {
      ids.push((await a!.schedules.add({ name: `race-${i}`, cron: '0 * * * *', timezone: 'UTC', overlap: 'replace', target: { kind: 'command', text: 'true' } })).id);
    }
    const won = { a: 0, b: 0 };
    const seen = new Map<string, number>();
    for (const hour of [10, 11, 12, 13, 14]) {
      clock.set(`2026-09-01T${hour}:00:00.500Z`);
      const [fromA, fromB] = await Promise.all([a!.schedules.tick(), b!.schedules.tick()]);
      won.a += fromA!.length;
      won.b += fromB!.length;
      for (const r of [...fromA!, ...fromB!]) {
        assert.equal(r.outcome, 'fired');
        const key = `${r.schedule} ${r.slot.toISOString()}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    }
    assert.equal(seen.size, 40, 'every schedule\'s every slot was fired');
    assert.deepEqual([...new Set(seen.values())], [1], 'each by one scheduler only');
    assert.equal(won.a + won.b, 40);
    for (const id of ids) {
      const runs = await scheduledRuns(a!, id);
      assert.equal(runs.length, 5, 'one run per slot');
      assert.equal(new Set(runs.map((r) => r.idempotencyKey)).size, 5);
    }
    t.diagnostic(`slots fired by a: ${won.a}, by b: ${won.b}`);
  });

  test('two running scheduler loops on the wall clock fire each second of a seconds schedule once', async (t) => {
    const [a, b] = await twoCores(t, 'race_loops', { run: true, tickMs: 40 });
    // Catch-up all: a tick late by more than a second (a busy machine) still fires every slot.
    const added = await a!.schedules.add({ name: 'every-second', cron: '* * * * * *', timezone: 'UTC', overlap: 'replace', catchUp: 'all', target: { kind: 'command', text: 'true' } });
    await sleep(3500);
    await b!.schedules.pause('every-second');
    // A tick under way when the pause landed may still record its slot: read once the history stops changing.
    let fires = await a!.schedules.fires('every-second', 500);
    for (let i = 0; i < 50; i++) {
      await sleep(200);
      const again = await a!.schedules.fires('every-second', 500);
      if (JSON.stringify(again) === JSON.stringify(fires) && !again.some((f) => f.outcome === 'firing')) break;
      fires = again;
    }
    fires.reverse();
    const runs = await scheduledRuns(a!, added.id);
    assert.ok(fires.length >= 2, `fired ${fires.length} times`);
    assert.ok(fires.every((f) => f.outcome === 'fired'), JSON.stringify(fires.map((f) => f.outcome)));
    assert.equal(runs.length, fires.length, 'one run per fired slot');
    assert.deepEqual(runs.map((r) => r.id).sort((x, y) => x - y), fires.map((f) => f.runId!).sort((x, y) => x - y));
    const seconds = fires.map((f) => f.slot.getTime() / 1000);
    assert.deepEqual(seconds, seconds.map((_, i) => seconds[0]! + i), 'every second between the first and the last, none twice');
  });
});
