import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cli, spawnCli, waitForLine } from '../helpers/cli.ts';
import { makeUnwritable } from '../helpers/unwritable.ts';
import { tempDir } from '../helpers/tmp.ts';

describe('opsroom CLI', () => {
  const dir = tempDir().path;
  const dataDir = join(dir, 'data');
  const d = ['--data-dir', dataDir];

  test('run --sh follows the run live and exits with its status', async () => {
    const ok = await cli(['run', ...d, '--sh', 'echo hello; echo warn >&2']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /#\d+ -- queued on lane A/);
    assert.match(ok.stdout, /#\d+ sh \| hello/);
    assert.match(ok.stdout, /#\d+ sh ! warn/);
    assert.match(ok.stdout, /#\d+ -- proved exit_code: exit code 0\n/);
    assert.match(ok.stdout, /-- succeeded\n\nrun \d+ succeeded\n✓ sh succeeded \(exit 0\)\n {4}proved exit_code: exit code 0 sha256:[0-9a-f]{12}\n$/);
    const failed = await cli(['run', ...d, '--sh', 'exit 7']);
    assert.equal(failed.code, 1);
    assert.match(failed.stdout, /failed: step sh: not proven — exit_code: exit code 7, expected 0/);
    assert.match(failed.stdout, /✗ sh failed \(exit 7\): not proven — exit_code: exit code 7, expected 0\n {4}not proved exit_code: exit code 7, expected 0 /);
    const timedOut = await cli(['run', ...d, '--sh', 'sleep 20', '--timeout', '500ms']);
    assert.equal(timedOut.code, 1);
    assert.match(timedOut.stdout, /step sh failed: timed out after 500 ms/);
  });

  test('Ctrl-C cancels the run and kills its command', async () => {
    const child = spawnCli(['run', ...d, '--sh', 'echo started; sleep 30']);
    await waitForLine(child.stdout!, /sh \| started/);
    const started = Date.now();
    child.kill('SIGINT');
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 3);
    assert.ok(Date.now() - started < 5000, 'the sleep was killed, not waited for');
    const show = await cli(['runs', ...d, '--status', 'cancelled', '--json']);
    assert.equal(JSON.parse(show.stdout)[0].error, 'cancelled on request');
  });

  test('runs, sessions and lanes', async () => {
    const created = await cli(['sessions', 'create', ...d, 'Incident', '42']);
    assert.match(created.stdout, /^session (\d+) created: Incident 42/);
    const id = /^session (\d+)/.exec(created.stdout)![1]!;
    assert.equal((await cli(['run', ...d, '--session', id, '--sh', 'echo in session'])).code, 0);
    const listed = JSON.parse((await cli(['runs', ...d, '--session', id, '--json'])).stdout);
    assert.deepEqual(listed.map((r: { title: string }) => r.title), ['echo in session']);
    const table = (await cli(['runs', ...d, '--text', 'exit 7'])).stdout;
    assert.match(table, /^ID\s+STATUS\s+LANE/);
    assert.match(table, /failed\s+A\s+1\/1 .* exit 7/);
    const show = await cli(['runs', 'show', String(listed[0].id), ...d]);
    assert.match(show.stdout, /sh\s+succeeded\s+0\s+shell/);
    assert.match(show.stdout, /sh \| in session/);
    assert.match((await cli(['sessions', 'archive', id, ...d])).stdout, /archived: Incident 42/);
    assert.doesNotMatch((await cli(['sessions', ...d])).stdout, /Incident 42/);
    assert.match((await cli(['sessions', 'list', '--archived', ...d])).stdout, /Incident 42/);
    const refused = await cli(['run', ...d, '--session', id, '--sh', 'true']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /session \d+ is archived; restore it/);
    assert.match((await cli(['sessions', 'restore', id, ...d])).stdout, /restored/);
    assert.match((await cli(['lanes', 'pause', 'B', ...d])).stdout, /lane B paused/);
    assert.match((await cli(['lanes', ...d])).stdout, /B\s+paused/);
    assert.match((await cli(['lanes', 'resume', 'B', ...d])).stdout, /lane B resumed/);
  });

  test('bad input gets a specific error and stores nothing', async () => {
    const before = (await cli(['runs', ...d, '--json', '--limit', '10000'])).stdout;
    const badJson = join(dir, 'bad.json');
    writeFileSync(badJson, '{"irVersion": 1,\n  "name": }');
    const plans: [string, RegExp][] = [
      [badJson, /bad\.json is not valid JSON: Unexpected token '\}', .*"name": \}/],
      [JSON.stringify({ irVersion: 1, name: 'x', steps: [{ id: 'a', tool: 'nope', input: {}, verify: [{ kind: 'exit_code' }] }] }), /steps\[0\]\.tool: unknown tool "nope"/],
      [JSON.stringify({ irVersion: 1, name: 'x', steps: [{ id: 'a', tool: 'shell', input: { cwd: '/' }, verify: [{ kind: 'exit_code' }] }] }), /steps\[0\]\.input\.command: .*\(step "a"\)/],
      [JSON.stringify({ irVersion: 2, name: 'x', steps: [] }), /irVersion: .*; steps: /],
    ];
    for (const [index, [content, message]] of plans.entries()) {
      const file = content === badJson ? badJson : join(dir, `plan${index}.json`);
      if (file !== badJson) writeFileSync(file, content);
      const result = await cli(['run', ...d, file]);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, message);
    }
    const missing = await cli(['run', ...d, join(dir, 'missing.json')]);
    assert.match(missing.stderr, /no file .*missing\.json: a lone .json or .md word names a plan/);
    const lane = await cli(['run', ...d, '--lane', 'Z', '--sh', 'true']);
    assert.equal(lane.code, 2);
    assert.match(lane.stderr, /unknown lane "Z" \(lanes: A, B, C, D, or auto\)/);
    const usage = await cli(['run', ...d, '--frobnicate']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /Unknown option '--frobnicate'/);
    assert.equal((await cli(['runs', ...d, '--json', '--limit', '10000'])).stdout, before, 'nothing was stored or changed');
  });

  test('a second Ctrl-C while a worker drains stops its steps at once and leaves no process behind', async () => {
    const queued = await cli(['run', ...d, '--detach', '--sh', 'echo "pid $$"; sleep 30']);
    const runId = queued.stdout.trim();
    const worker = spawnCli(['worker', ...d]);
    const pid = Number(/\| pid (\d+)/.exec(await waitForLine(worker.stdout!, /\| pid \d+/))![1]);
    worker.kill('SIGINT');
    await waitForLine(worker.stderr!, /draining/);
    const second = Date.now();
    worker.kill('SIGINT');
    assert.equal(await new Promise((resolve) => worker.on('close', resolve)), 0);
    assert.ok(Date.now() - second < 5000, 'stopped without waiting out the 10 s grace');
    assert.throws(() => process.kill(-pid, 0), /ESRCH/, "the step's process group is gone");
    const run = JSON.parse((await cli(['runs', ...d, '--json', '--limit', '1'])).stdout)[0];
    assert.equal(String(run.id), runId);
    assert.equal(run.status, 'queued', 'requeued for the next worker, not lost');
    assert.match((await cli(['runs', 'cancel', runId, ...d])).stdout, /cancelled/);
  });

  test('a start-up failure after the database opened exits instead of hanging', async () => {
    const result = await cli(['worker', ...d, '--lanes', 'build!', '--until-idle']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /invalid lane name "build!"/);
  });

  test('a second process on the same data folder is refused, and the first loses nothing', async () => {
    const worker = spawnCli(['worker', ...d, '--quiet']);
    await waitForLine(worker.stderr!, /opsroom worker: A1@/);
    const second = await cli(['runs', ...d]);
    assert.equal(second.code, 2);
    assert.match(second.stderr, new RegExp(`data folder .* is already in use by pid ${worker.pid}; close that process or use another --data-dir`));
    worker.kill('SIGTERM');
    assert.equal(await new Promise((resolve) => worker.on('close', resolve)), 0);
    const after = JSON.parse((await cli(['runs', ...d, '--json', '--limit', '10000'])).stdout);
    assert.ok(after.length >= 5, 'the runs stored before are all there');
  });

  test('a data folder that cannot be written gets a clear error', async (t) => {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    const undo = makeUnwritable(locked);
    if (typeof undo === 'string') return t.skip(undo);
    try {
      const inside = await cli(['runs', '--data-dir', locked]);
      assert.equal(inside.code, 2);
      assert.match(inside.stderr, /cannot write to the data folder .*locked \((EACCES|EPERM)\): choose a writable folder/);
      const below = await cli(['runs', '--data-dir', join(locked, 'sub', 'data')]);
      assert.match(below.stderr, /cannot create the data folder .*sub\/data \((EACCES|EPERM)\)/);
    } finally {
      undo();
    }
  });
});
