import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';
import { runsOf, threeSteps } from '../core/reruns/plans.ts';

const finalLine = (stdout: string) => /\nrun (\d+) (succeeded|failed|cancelled)(?:: (.*))?\n/.exec(stdout);
const counts = (dir: string) => ['make', 'build', 'check'].map((id) => runsOf(dir, id));

// One data folder for the file, as a person's machine: each test builds on the runs the one before stored.
describe('opsroom runs rerun | resume | reprove, and runs show with the links', () => {
  const dir = tempDir().path;
  const d = ['--data-dir', join(dir, 'data')];
  const planFile = join(dir, 'three.opsplan.json');
  writeFileSync(planFile, JSON.stringify(threeSteps(dir)));
  let failedRun = '';

  test('resume after the cause is fixed: only the failed step runs, the new run is linked both ways', async () => {
    const first = await cli(['run', ...d, planFile]);
    assert.equal(first.code, 1, first.stderr + first.stdout);
    failedRun = finalLine(first.stdout)![1]!;

    writeFileSync(join(dir, 'fixed.txt'), 'fixed\n');
    const resumed = await cli(['runs', 'resume', failedRun, ...d]);
    assert.equal(resumed.code, 0, resumed.stderr + resumed.stdout);
    const head = new RegExp(`^run (\\d+): resume of run ${failedRun} on lane [A-D]\n`).exec(resumed.stdout);
    assert.ok(head, resumed.stdout);
    const newRun = head[1]!;
    assert.equal(finalLine(resumed.stdout)?.[1], newRun);
    assert.deepEqual(counts(dir), [1, 1, 2], 'make and build were reused, not run again');

    const shown = await cli(['runs', 'show', newRun, ...d]);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, new RegExp(`\nresume of run ${failedRun} \\(failed\\)\n`));
    assert.match(shown.stdout, /STEP\s+STATUS\s+EXIT\s+TOOL\s+SETTLED\n/);
    // A reused step may show the exit code it recorded: the SETTLED column is what matters.
    assert.match(shown.stdout, new RegExp(`\nmake\\s+succeeded\\s+(0\\s+)?shell\\s+reused from #${failedRun}\n`));
    assert.match(shown.stdout, /\ncheck\s+succeeded\s+0\s+shell\s*\n/);
    assert.match(shown.stdout, /re-check make file: proved /);

    const parent = await cli(['runs', 'show', failedRun, ...d]);
    assert.match(parent.stdout, new RegExp(`\nreruns:\n  run ${newRun} resume succeeded\n`));
  });

  test('a reused step that no longer holds: the resume is refused, says why and how to go on; exit 1', async () => {
    rmSync(join(dir, 'made.txt'));
    const refused = await cli(['runs', 'resume', failedRun, ...d]);
    assert.equal(refused.code, 1, refused.stderr + refused.stdout);
    const end = finalLine(refused.stdout);
    assert.equal(end?.[2], 'failed');
    assert.match(end?.[3] ?? '', new RegExp(`^resume refused: step make's recorded outcome \\(run ${failedRun}\\) no longer holds — .*; `
      + `rerun from make: opsroom runs rerun ${failedRun} --from make$`));
    assert.deepEqual(counts(dir), [1, 1, 2], 'nothing ran');

    const fromMake = await cli(['runs', 'rerun', failedRun, '--from', 'make', ...d]);
    assert.equal(fromMake.code, 0, fromMake.stdout);
    assert.match(fromMake.stdout, new RegExp(`^run \\d+: rerun from a step of run ${failedRun} on lane`));
    assert.deepEqual(counts(dir), [2, 2, 3]);
  });

  test('mistakes in the call are refused before anything is queued (exit 2)', async () => {
    const cases: [string[], RegExp][] = [
      [['runs', 'resume', failedRun, '--param', 'x=1'], /a resume reuses outcomes recorded with the old values/],
      [['runs', 'rerun', failedRun, '--failed', '--from', 'make'], /--failed and --from: choose one/],
      [['runs', 'reprove', failedRun, '--from', 'make'], /reprove repeats no action/],
      [['runs', 'rerun', failedRun, '--from', 'deploy'], new RegExp(`run ${failedRun} has no step "deploy" \\(steps: make, build, check\\)`)],
      [['runs', 'rerun'], /give the run id/],
    ];
    const before = (await cli(['runs', ...d, '--json'])).stdout;
    for (const [args, message] of cases) {
      const refused = await cli([...args, ...d]);
      assert.equal(refused.code, 2, `${args.join(' ')}: ${refused.stderr}`);
      assert.match(refused.stderr, message);
    }
    assert.equal((await cli(['runs', ...d, '--json'])).stdout, before, 'nothing was queued');
  });

  describe('reprove against a live HTTP server', () => {
    let answer = 'version 1';
    const server = createServer((_req, res) => res.end(answer));
    before(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
    after(() => new Promise((resolve) => server.close(resolve)));

    test('the answer changed: the re-prove fails with the drift, and the original run shows it', async () => {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const plan = join(dir, 'deploy.opsplan.json');
      writeFileSync(plan, JSON.stringify({ irVersion: 1, name: 'deploy', steps: [
        { id: 'deploy', tool: 'shell', input: { command: 'true' }, verify: [{ kind: 'http', url, bodyContains: 'version 1' }] },
      ] }));
      const ran = await cli(['run', ...d, plan]);
      assert.equal(ran.code, 0, ran.stdout);
      const original = finalLine(ran.stdout)![1]!;

      answer = 'version 2';
      const reproved = await cli(['runs', 'reprove', original, ...d]);
      assert.equal(reproved.code, 1, reproved.stderr + reproved.stdout);
      assert.match(reproved.stdout, new RegExp(`^run (\\d+): re-prove of run ${original} on lane`));
      assert.match(finalLine(reproved.stdout)?.[3] ?? '', /^drift: step deploy/);

      const shown = await cli(['runs', 'show', original, ...d]);
      assert.match(shown.stdout, /\nreruns:\n  run \d+ re-prove failed · drift: deploy http: .*version 1/);
    });
  });
});
