import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cli, spawnCli, waitForLine } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

// `opsroom schedules` as a person runs it: each command its own process on the embedded database. A one-shot
// command never fires anything; `opsroom worker` runs the scheduler while it runs.
describe('opsroom schedules', () => {
  const dataDir = join(tempDir().path, 'data');
  const d = ['--data-dir', dataDir];
  const ok = async (args: string[]) => {
    const result = await cli(['schedules', ...d, ...args]);
    assert.equal(result.code, 0, result.stderr);
    return result.stdout;
  };

  test('add a command, a skill; list them with their next fire times; refuse mistakes with exit 2', async () => {
    assert.equal(await ok([]), 'no schedules (opsroom schedules add NAME --cron EXPR … adds one)\n');
    const added = await ok(['add', 'nightly', '--cron', '0 3 * * *', '--tz', 'Europe/Berlin', '--catch-up', 'skip', '--', 'echo', 'backup done']);
    assert.match(added, /^schedule nightly added: \$ echo 'backup done', 0 3 \* \* \* in Europe\/Berlin\nnext: (\d{4}-\d\d-\d\d 03:00 UTC\+[12](, )?){3}\n$/);
    await ok(['add', 'health', '--cron', '*/15 * * * *', '--tz', 'UTC', '--skill', 'http-health', '--param', 'urls=http://127.0.0.1:9/', '--overlap', 'queue', '--lane', 'B']);

    const list = await ok(['list']);
    const [header, ...rows] = list.trimEnd().split('\n');
    assert.match(header!, /^NAME +CRON +ZONE +TARGET +STATE +NEXT +LAST$/);
    assert.match(rows[0]!, /^health +\*\/15 \* \* \* \* +UTC +\/http-health +active +\d{4}-\d\d-\d\d \d\d:(00|15|30|45) UTC, .* +-$/);
    assert.match(rows[1]!, /^nightly +0 3 \* \* \* +Europe\/Berlin +\$ echo 'backup done' +active +/);
    const json = JSON.parse(await ok(['list', '--json']));
    assert.equal(json.pausedAll, false);
    const health = json.schedules.find((s: { name: string }) => s.name === 'health');
    assert.deepEqual([health.overlap, health.catchUp, health.lane, health.params], ['queue', 'once', 'B', { urls: 'http://127.0.0.1:9/' }]);
    assert.equal(health.nextFires.length, 5);

    const refused = async (args: string[], message: RegExp) => {
      const result = await cli(['schedules', ...d, ...args]);
      assert.equal(result.code, 2, result.stdout);
      assert.match(result.stderr, message);
    };
    await refused(['add', 'bad', '--cron', '61 * * * *', '--', 'true'], /^opsroom: invalid cron expression "61 \* \* \* \*": Invalid value for minute: 61/);
    await refused(['add', 'bad', '--cron', '0 3 * * *', '--tz', 'Mars/Olympus', '--', 'true'], /^opsroom: unknown time zone "Mars\/Olympus"/);
    await refused(['add', 'bad', '--cron', '0 3 * * *', '--overlap', 'sometimes', '--', 'true'], /^opsroom: --overlap takes skip, queue, replace \(got "sometimes"\)/);
    await refused(['add', 'bad', '--cron', '0 3 * * *'], /^opsroom: give one target: --plan NAME, --skill NAME, or -- COMMAND TEXT/);
    await refused(['add', 'bad', '--cron', '0 3 * * *', '--plan', 'no such plan'], /^opsroom: there is no stored plan named "no such plan"/);
    await refused(['add', 'nightly', '--cron', '0 3 * * *', '--', 'true'], /a schedule named "nightly" already exists/);
    await refused(['pause', 'nope'], /^opsroom: there is no schedule named "nope"/);
    await refused(['fires', 'nightly', '--limit=-1'], /^opsroom: a limit is a whole number from 1 to 500 \(got -1\)\n$/);
    await refused(['fires', 'nightly', '--limit', '0'], /^opsroom: a limit is a whole number from 1 to 500 \(got 0\)\n$/);
    assert.deepEqual(JSON.parse(await ok(['list', '--json'])).schedules.map((s: { name: string }) => s.name), ['health', 'nightly']);
  });

  test('pause, resume, pause all, resume all', async () => {
    assert.equal(await ok(['pause', 'nightly']), 'schedule nightly paused\n');
    assert.match(await ok(['list']), /nightly .* paused /);
    assert.match(await ok(['resume', 'nightly']), /^schedule nightly resumed; next: \d{4}-\d\d-\d\d 03:00 UTC\+[12]\n$/);
    assert.equal(await ok(['pause-all']), 'all schedules paused\n');
    assert.match(await ok(['list']), /^ALL SCHEDULES ARE PAUSED \(opsroom schedules resume-all\)\nNAME/);
    assert.equal(await ok(['resume-all']), 'schedules resumed\n');
    assert.match(await ok(['list']), /^NAME/);
  });

  test('a worker fires a seconds schedule; fires lists the slot and its run; rm removes it', async () => {
    await ok(['add', 'tick', '--cron', '* * * * * *', '--tz', 'UTC', '--overlap', 'skip', '--', 'echo', 'tick']);
    await ok(['pause', 'nightly']);
    await ok(['pause', 'health']);
    const worker = spawnCli(['worker', ...d, '--lanes', 'A']);
    const line = await waitForLine(worker.stdout!, /^run \d+ .*-- succeeded$/);
    worker.kill('SIGTERM');
    assert.equal(await new Promise((resolve) => worker.on('close', resolve)), 0);
    const runId = /^run (\d+)/.exec(line)![1];
    const fires = await ok(['fires', 'tick']);
    assert.match(fires, /^SLOT +OUTCOME +RUN +DETAIL\n/);
    assert.match(fires, new RegExp(`\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC +fired +${runId} succeeded`));
    assert.equal(await ok(['rm', 'tick']), 'schedule tick removed (its runs stay)\n');
    const gone = await cli(['schedules', 'fires', 'tick', ...d]);
    assert.equal(gone.code, 2);
    assert.match(gone.stderr, /there is no schedule named "tick"/);
    const runs = JSON.parse((await cli(['runs', ...d, '--json'])).stdout) as { id: number }[];
    assert.ok(runs.some((r) => String(r.id) === runId), 'its runs stay');
  });
});
