import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { createCore, type Core } from '../../../electron/core/index.ts';
import { createHandlers } from '../../../electron/core/ipc/handlers/index.ts';
import { tempDir } from '../../helpers/tmp.ts';

const STOCK = fileURLToPath(new URL('../../fixtures/skills/stock/', import.meta.url));
const DEPLOY = `skill: deploy-note
version: 2.1.0
title: Write a deploy note
params:
  env: { type: enum, values: [staging, production] }
  token: { type: secret }
  note: { type: string, default: shipped }
steps:
  - id: note
    tool: shell
    input: { command: 'echo "$NOTE for $ENVIRONMENT with $TOKEN"', env: { NOTE: "\${params.note}", ENVIRONMENT: "\${params.env}", TOKEN: "\${params.token}" } }
    verify: [{ kind: exit_code }]
`;

// The core's compile API: the grammar's outcomes as every shell sees them, with one core for the file.
describe('core.compile', () => {
  let core: Core;
  let dir: string;
  let dataDir: string;
  before(async () => {
    dir = tempDir().path;
    dataDir = join(dir, 'data');
    mkdirSync(join(dataDir, 'skills'), { recursive: true });
    writeFileSync(join(dataDir, 'skills', 'deploy-note.yaml'), DEPLOY);
    core = await createCore({ dataDir, lanes: ['A'], stockSkillsDir: STOCK });
  });
  after(() => core.close());

  test('a skill without its required values asks for them, echoing back only what is not secret', async () => {
    const outcome = await core.compile.preview('/deploy-note token=s3cr3t-value');
    assert.equal(outcome.status, 'needs-params');
    assert.ok(outcome.status === 'needs-params');
    assert.deepEqual(outcome.missing, ['env']);
    assert.deepEqual(outcome.values, {});
    assert.equal(outcome.label, '/deploy-note');
  });

  test('the IPC preview masks secret values; running remembers the text without them', async () => {
    const handlers = createHandlers(core, { shell: 'headless', version: '0' });
    const view = await handlers['compile.preview']({ text: '/deploy-note env=staging token=s3cr3t-value', params: {} }, {} as never);
    assert.ok(view.status === 'compiled');
    assert.equal(view.params.token, '***');
    assert.equal(view.params.env, 'staging');
    assert.doesNotMatch(JSON.stringify(view), /s3cr3t-value/);

    const run = await core.compile.run('/deploy-note env=staging "note=all good" token=s3cr3t-value', { remember: true });
    const final = await core.runs.follow(run.id, () => undefined);
    assert.equal(final.status, 'succeeded', final.error ?? '');
    const recent = await core.commands.recent(5);
    assert.equal(recent[0]!.command, "/deploy-note env=staging 'note=all good'");
    // The remembered text runs again through the grammar (as the tray does) and asks for the secret again.
    const again = await core.compile.preview(recent[0]!.command);
    assert.ok(again.status === 'needs-params' && again.missing.join() === 'token');
  });

  test('"$ text" is remembered as typed, so it reads the same when run again', async () => {
    const run = await core.compile.run('$ echo escaped', { remember: true });
    assert.equal((await core.runs.follow(run.id, () => undefined)).status, 'succeeded');
    assert.equal((await core.commands.recent(1))[0]!.command, '$ echo escaped');
  });

  test('a Spec Kit task list takes its agent command and the variables it may see from settings.json', async () => {
    const feature = join(dir, 'repo', 'specs', '001-x');
    mkdirSync(feature, { recursive: true });
    writeFileSync(join(feature, 'tasks.md'), '# Tasks: X\n\n## Phase 1: Setup\n\n- [ ] T001 Create src/app.py\n');
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ agentCommand: 'my-agent --task "$OPSROOM_TASK"', agentEnvAllow: ['AGENT_API_KEY'] }));
    const outcome = await core.compile.preview(join(feature, 'tasks.md'));
    assert.ok(outcome.status === 'compiled');
    assert.equal(outcome.source, 'spec-kit');
    const task = outcome.plan.steps.find((s) => s.id === 'T001')!;
    assert.equal(task.input.command, 'my-agent --task "$OPSROOM_TASK"');
    assert.deepEqual(task.input.envAllow, ['AGENT_API_KEY']);
    // An option given by the caller (the CLI's --agent) wins over the file.
    const cli = await core.compile.preview(join(feature, 'tasks.md'), { agentCommand: 'other-agent' });
    assert.ok(cli.status === 'compiled' && cli.plan.steps.find((s) => s.id === 'T001')!.input.command === 'other-agent');
    writeFileSync(join(dataDir, 'settings.json'), '{"agentCommand": 3}');
    await assert.rejects(core.compile.preview(join(feature, 'tasks.md')), /settings\.json: agentCommand: /);
    // A broken file does not stand in the way of a command given explicitly.
    const explicit = await core.compile.preview(join(feature, 'tasks.md'), { agentCommand: 'given-agent' });
    assert.ok(explicit.status === 'compiled' && explicit.plan.steps.find((s) => s.id === 'T001')!.input.command === 'given-agent');
    writeFileSync(join(dataDir, 'settings.json'), '{}');
  });

  test('a runbook whose parameter has no default asks for it; given, the plan binds it', async () => {
    const runbook = join(dir, 'rb.md');
    writeFileSync(runbook, '---\nparams:\n  host: { type: string }\n---\n```sh\necho "$host"\n```\n');
    const asks = await core.compile.preview(runbook);
    assert.ok(asks.status === 'needs-params' && asks.missing.join() === 'host' && asks.source === 'runbook');
    const outcome = await core.compile.preview(runbook, { params: { host: 'db1' } });
    assert.ok(outcome.status === 'compiled');
    assert.deepEqual(outcome.params, { host: 'db1' });
  });
});
