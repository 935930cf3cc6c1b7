import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

// One data folder for the file: each call opens the embedded database; later tests see what earlier ones stored.
describe('opsroom compile / run: one grammar on the command line', () => {
  const dir = tempDir().path;
  const d = ['--data-dir', join(dir, 'data')];
  const runbook = join(dir, 'restart.md');
  writeFileSync(runbook, [
    '---', 'name: restart the thing', 'params:', '  target: { type: string, default: web }', '---',
    '# Restart', 'First make a marker.', '```sh {"name":"mark"}', `echo "restarting $target" > "${dir}/marker"`, '```',
    'Then prove it is there.', '```sh {"name":"check"}', `grep -q restarting "${dir}/marker"`, '```', '',
  ].join('\n'));

  test('compile prints the runbook\'s plan as IR JSON, running nothing', async () => {
    const { code, stdout, stderr } = await cli(['compile', runbook, ...d]);
    assert.equal(code, 0, stderr);
    const plan = JSON.parse(stdout);
    assert.equal(plan.name, 'restart the thing');
    assert.deepEqual(plan.steps.map((s: { id: string; needs?: string[] }) => [s.id, s.needs ?? []]), [['mark', []], ['check', ['mark']]]);
    assert.deepEqual(plan.origin, { kind: 'runbook', path: runbook });
    const runs = await cli(['runs', '--json', ...d]);
    assert.deepEqual(JSON.parse(runs.stdout), []);
  });

  test('run --dry-run shows steps, lanes, verifiers and the parameters with secrets masked', async () => {
    const { code, stdout, stderr } = await cli(['run', '--dry-run', '/pg-migrate', 'url=postgres://app:hunter2@127.0.0.1:9/app', `dir=${dir}`, ...d],
      { env: { PATH: `/usr/lib/postgresql/15/bin:${process.env.PATH}` } });
    assert.equal(code, 0, stderr);
    assert.match(stdout, /skill \/pg-migrate → plan "pg-migrate"/);
    assert.match(stdout, /url=\*\*\*/);
    assert.doesNotMatch(stdout + stderr, /hunter2/);
    assert.match(stdout, /proven by/);
    const runs = await cli(['runs', '--json', ...d]);
    assert.deepEqual(JSON.parse(runs.stdout), [], 'a dry run queues nothing');
  });

  test('run runbook.md runs its blocks in order and exits 0', async () => {
    const { code, stdout, stderr } = await cli(['run', runbook, '--param', 'target=api', ...d]);
    assert.equal(code, 0, stderr + stdout);
    assert.match(stdout, /run \d+ succeeded/);
  });

  test('mistakes are refused with what to do, exit 2, nothing queued', async () => {
    const cases: [string[], RegExp][] = [
      [['/http-helth', 'urls=x'], /no skill named "http-helth"; did you mean \/http-health\?/],
      [['/http-health'], /\/http-health needs urls \(string: URLs to check.*\): add urls=…/],
      [['/http-health', 'colour=red'], /unknown parameter "colour"/],
      [['? is the disk full'], /need an OpenAI-compatible chat endpoint.*OPSROOM_LLM_URL/],
      [['nowhere.md'], /no file .*nowhere\.md/],
    ];
    for (const [args, pattern] of cases) {
      const { code, stderr } = await cli(['run', ...args, ...d]);
      assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
      assert.match(stderr, pattern);
    }
    const runs = JSON.parse((await cli(['runs', '--json', ...d])).stdout) as unknown[];
    assert.equal(runs.length, 1, 'only the runbook run exists');
  });
});
