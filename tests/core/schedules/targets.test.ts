import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Plan } from '../../../shared/ir/plan.ts';
import type { Core } from '../../../electron/core/index.ts';
import { openPglite } from '../../../electron/core/db/pglite-sql.ts';
import { tempDir } from '../../helpers/tmp.ts';
import { fireLines, scheduleCore, scheduledRuns, testClock } from './schedule-kit.ts';

const DEPLOY_SKILL = `skill: deploy
version: 1.0.0
title: Deploy
params:
  env: { type: enum, values: [staging, production] }
  token: { type: secret }
  replicas: { type: integer, default: 2, min: 1 }
steps:
  - id: go
    tool: shell
    input: { command: 'echo "deploy $ENV x$REPLICAS"', env: { ENV: "\${params.env}", TOKEN: "\${params.token}", REPLICAS: "\${params.replicas}" } }
    verify: [{ kind: exit_code }]
`;

const backup = (command: string): Plan => ({
  irVersion: 1, name: 'nightly backup', params: { target: { type: 'string' } },
  steps: [{ id: 'dump', tool: 'shell', input: { command }, verify: [{ kind: 'exit_code' }] }],
});

// What a schedule runs: a stored plan by name (its newest version at each fire), a skill with typed parameters,
// or a command in the app's grammar. A secret parameter's value is kept in the secret store, never in the
// schedules table, and goes with the schedule when it is removed.
describe('schedules: targets and parameters', () => {
  const clock = testClock('2026-08-01T00:00:30Z');
  const dataDir = join(tempDir('opsroom-schedule-targets-').path, 'data');
  const work = tempDir('opsroom-schedule-cwd-').path;
  let core: Core;
  const secretFiles = () => (existsSync(join(dataDir, 'run-secrets')) ? readdirSync(join(dataDir, 'run-secrets')) : []);
  const every = (name: string, target: object, extra: object = {}) =>
    core.schedules.add({ name, cron: '0 * * * *', timezone: 'UTC', target, ...extra } as Parameters<Core['schedules']['add']>[0], { cwd: work });

  before(async () => {
    mkdirSync(join(dataDir, 'skills'), { recursive: true });
    writeFileSync(join(dataDir, 'skills', 'deploy.yaml'), DEPLOY_SKILL);
    writeFileSync(join(work, 'tiny.md'), '# Tiny runbook\n\n```sh\necho from-runbook\n```\n');
    ({ core } = await scheduleCore(clock, { dataDir }));
  });
  after(() => core?.close());

  test('a skill with typed parameters: the secret goes to the secret store, "***" is what is shown', async () => {
    const added = await every('deploy-staging', { kind: 'skill', name: 'deploy' },
      { params: { env: 'staging', token: 's3cret-token', replicas: '3' }, paramsAreText: true, lane: 'A' });
    assert.deepEqual(added.params, { env: 'staging', token: '***', replicas: 3 });
    const files = secretFiles().filter((f) => f.startsWith('run-param.schedule.'));
    assert.equal(files.length, 1);
    assert.match(files[0]!, /^run-param\.schedule\.[0-9a-f]{16}\.token$/);
    assert.equal(readFileSync(join(dataDir, 'run-secrets', files[0]!), 'utf8'), 's3cret-token');
  });

  test('/skill text is stored as the skill with its words as parameters; a shell command as "$ …"; a file by its path', async () => {
    assert.deepEqual((await every('greet-ada', { kind: 'command', text: '/greet who=Ada loud=true' })).target, { kind: 'skill', name: 'greet' });
    assert.deepEqual((await core.schedules.list()).schedules.find((s) => s.name === 'greet-ada')!.params, { who: 'Ada', loud: true });
    assert.deepEqual((await every('disk', { kind: 'command', text: 'df -h /' })).target, { kind: 'command', text: '$ df -h /' });
    assert.deepEqual((await every('tiny', { kind: 'command', text: 'tiny.md' })).target, { kind: 'command', text: join(work, 'tiny.md') });
  });

  test('a plan by name runs its newest version, with the schedule\'s parameters', async () => {
    await core.plans.import(backup('echo v1 $TARGET'));
    await every('backup', { kind: 'plan', name: 'nightly backup' }, { params: { target: '/srv' } });
    const v2 = await core.plans.import({ ...backup('echo v2'), description: 'the second version' });
    clock.set('2026-08-01T01:00:02Z');
    const reports = await core.schedules.tick();
    assert.deepEqual(reports.map((r) => [r.schedule, r.outcome]).sort(),
      [['backup', 'fired'], ['deploy-staging', 'fired'], ['disk', 'fired'], ['greet-ada', 'fired'], ['tiny', 'fired']]);
    const list = (await core.schedules.list()).schedules;
    const runOf = async (name: string) => (await core.runs.get(list.find((s) => s.name === name)!.lastFire!.runId!)).run;
    const backupRun = await runOf('backup');
    assert.equal(backupRun.planId, v2.id);
    assert.deepEqual(backupRun.input, { target: '/srv' });
    const deployRun = await runOf('deploy-staging');
    assert.equal(deployRun.lane, 'A');
    assert.deepEqual({ ...deployRun.input, token: 'marker' }, { env: 'staging', replicas: 3, token: 'marker' });
    const marker = (deployRun.input.token as { $secret: string }).$secret;
    assert.match(marker, /^run-param\.[0-9a-f]{32}$/, 'the run keeps its own copy of the secret, as any run does');
    assert.equal(readFileSync(join(dataDir, 'run-secrets', marker), 'utf8'), 's3cret-token');
    assert.equal((await runOf('greet-ada')).title, 'greet');
    assert.equal((await runOf('tiny')).title, 'Tiny runbook');
    assert.equal((await runOf('disk')).title, 'df -h /');
  });

  test('targets and parameters are checked when added, each problem said', async () => {
    await assert.rejects(every('x', { kind: 'plan', name: 'nightly bakup' }), { code: 'UNKNOWN_PLAN', message: 'there is no stored plan named "nightly bakup": did you mean "nightly backup"?' });
    await assert.rejects(every('x', { kind: 'skill', name: 'deplo' }), { code: 'UNKNOWN_SKILL', message: /no skill named "deplo": did you mean deploy\?/ });
    await assert.rejects(every('x', { kind: 'skill', name: 'deploy' }, { params: { env: 'prod' } }),
      { code: 'INVALID_INPUT', message: 'invalid parameters: parameter "env" (enum) must be one of staging, production, got "prod"; missing parameter "token" (secret, no default)' });
    await assert.rejects(every('x', { kind: 'command', text: 'true' }, { params: { a: 1 } }), { code: 'INVALID_INPUT', message: /unknown parameter "a" \(the plan declares none\)/ });
    await assert.rejects(every('x', { kind: 'command', text: '? back up the database' }), { code: 'INVALID_INPUT', message: /a request in words is not scheduled/ });
    await assert.rejects(every('x', { kind: 'command', text: 'true' }, { lane: 'Z' }), { code: 'UNKNOWN_LANE', message: 'unknown lane "Z" (lanes: A, B, C, D, or auto)' });
    await assert.rejects(every('x y', { kind: 'command', text: 'true' }), { code: 'INVALID_INPUT', message: /^invalid schedule: name: a schedule name is 1-64 letters/ });
    assert.equal((await core.schedules.list()).schedules.some((s) => s.name === 'x'), false);
  });

  test('a fire whose target cannot be queued is recorded as failed, with the reason; removing deletes the secret', async () => {
    const file = secretFiles().find((f) => f.startsWith('run-param.schedule.'))!;
    rmSync(join(dataDir, 'run-secrets', file));
    const staging = (await core.schedules.list()).schedules.find((s) => s.name === 'deploy-staging')!;
    await core.runs.cancel(staging.lastFire!.runId!); // ended: the next slot is not an overlap
    clock.set('2026-08-01T02:00:01Z');
    await core.schedules.tick();
    const [fire] = await core.schedules.fires('deploy-staging');
    assert.deepEqual([fire!.outcome, fire!.runId, fire!.detail], ['failed', null,
      'the value of the secret parameter "token" is gone from the secret store; remove the schedule and add it again']);
    await every('deploy-prod', { kind: 'skill', name: 'deploy' }, { params: { env: 'production', token: 'prod-token' } });
    const prodFile = secretFiles().find((f) => f.startsWith('run-param.schedule.'))!;
    const removed = await core.schedules.remove('deploy-prod');
    assert.deepEqual(removed.params, { env: 'production', token: '***' });
    assert.equal(secretFiles().includes(prodFile), false, 'its secret is deleted with it');
    assert.deepEqual(await fireLines(core, 'deploy-staging'), ['2026-08-01T01:00:00Z fired', '2026-08-01T02:00:00Z failed']);
  });

  test('the schedules table never holds a secret value', async () => {
    await core.close();
    const sql = await openPglite(join(dataDir, 'pgdata'));
    try {
      const { rows } = await sql.query<{ params: string }>('SELECT params::text AS params FROM schedules');
      assert.ok(rows.length >= 5);
      assert.ok(rows.every((r) => !r.params.includes('s3cret-token') && !r.params.includes('prod-token')), JSON.stringify(rows));
      assert.ok(rows.some((r) => /"token": \{"\$secret": "run-param\.schedule\.[0-9a-f]{16}\.token"\}/.test(r.params)));
    } finally {
      await sql.close();
    }
  });
});
