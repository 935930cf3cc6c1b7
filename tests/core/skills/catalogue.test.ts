import assert from 'node:assert/strict';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { createCore, type Core } from '../../../electron/core/index.ts';
import type { SkillSummary } from '../../../shared/skills/skill-schema.ts';
import { client, serve } from '../ipc/ipc-kit.ts';
import { tempDir } from '../../helpers/tmp.ts';

const STOCK = fileURLToPath(new URL('../../fixtures/skills/stock/', import.meta.url));

const greet = (version: string, word = 'hi') => `skill: greet
version: ${version}
title: Greet, the user's way
params:
  who: { type: string, default: you }
steps:
  - id: hello
    tool: shell
    input: { command: 'echo "${word} $WHO"', env: { WHO: "\${params.who}" } }
    verify: [{ kind: output, regex: "${word} " }]
`;
const note = (version: string) => `skill: note\nversion: ${version}\ntitle: A note\nsteps:\n  - { id: n, tool: shell, input: { command: "true" }, verify: [{ kind: exit_code }] }\n`;

/** Waits (up to 5 s) until `check` holds: the user folder is watched with a 100 ms debounce. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`not within 5 s: ${what} (last: ${JSON.stringify(value)})`);
    await sleep(20);
  }
}

describe('skills in a core: stock and user folders, the watch, invocation', () => {
  const dataDir = join(tempDir().path, 'data');
  const userDir = join(dataDir, 'skills');
  let core: Core;
  const find = async (name: string): Promise<SkillSummary | undefined> => (await core.skills.list()).find((s) => s.name === name);

  before(async () => {
    // Present before the core starts: a user skill replacing a stock one, and a broken file.
    mkdirSync(userDir, { recursive: true });
    writeFileSync(join(userDir, 'greet.yaml'), greet('2.0.0'));
    writeFileSync(join(userDir, 'broken.yaml'), 'skill: broken\nversion: 1.0.0\ntitle: Broken\nsteps:\n  - id: a\n    tool: shel\n');
    core = await createCore({ dataDir, lanes: ['A'], pollMs: 100, stockSkillsDir: STOCK });
  });
  after(() => core.close());

  test('lists the stock skills and the user ones, a user skill replacing the stock one of its name', async () => {
    const list = await core.skills.list();
    assert.deepEqual(list.map((s) => [s.name, s.version, s.source, s.overrides]), [['greet', '2.0.0', 'user', true], ['http-health', '1.0.0', 'stock', false]]);
    assert.equal(list[0]!.path, join(userDir, 'greet.yaml'));
    assert.deepEqual(list[1]!.params.status, { type: 'integer', default: 200, min: 100, max: 599 });
    assert.deepEqual(list[1]!.requires, { tools: ['http'], servers: [], commands: [] });
  });

  test('a broken file is a problem naming file, line and field, and stops nothing else', async () => {
    const problems = await core.skills.problems();
    assert.ok(problems.every((p) => p.path === join(userDir, 'broken.yaml')), JSON.stringify(problems));
    const tool = problems.find((p) => p.field === 'steps[0].tool');
    assert.deepEqual({ ...tool, message: tool?.message.slice(0, 16) },
      { path: join(userDir, 'broken.yaml'), file: 'broken.yaml', line: 6, field: 'steps[0].tool', message: 'unknown tool "sh' });
    assert.deepEqual(problems.filter((p) => p !== tool).map((p) => [p.line, p.field]), [[5, 'steps[0].input'], [5, 'steps[0].verify']]);
  });

  test('invoking an unknown skill names the closest ones', async () => {
    await assert.rejects(core.skills.invoke('gret', {}), { code: 'UNKNOWN_SKILL', message: 'no skill named "gret": did you mean greet? (opsroom skills list shows them all)' });
    await assert.rejects(core.skills.invoke('http-helth', {}), { code: 'UNKNOWN_SKILL', message: /did you mean http-health\?/ });
  });

  test('a missing required parameter is refused before anything is queued', async () => {
    await assert.rejects(core.skills.invoke('http-health', {}), { code: 'INVALID_INPUT', message: /^\/http-health: invalid parameters: missing parameter "urls"/ });
  });

  test('an invoked skill runs as a plan, its value reaching the command through env', async () => {
    const { plan, params } = await core.skills.invoke('greet', { who: 'ops; echo pwned' });
    assert.deepEqual(params, { who: 'ops; echo pwned' });
    const { run } = await core.runs.enqueue({ plan, params, source: '/greet' });
    assert.equal((await core.runs.follow(run.id, () => undefined)).status, 'succeeded');
    const output = (await core.runs.events(run.id, 0, 100)).filter((e) => e.kind === 'output').map((e) => e.message);
    assert.deepEqual(output, ['hi ops; echo pwned']);
  });

  test('the user folder is watched: add, edit, broken edit (the last good version stays), delete', async () => {
    const ipc = serve(core);
    const window = client(ipc);
    const file = join(userDir, 'note.yaml');
    try {
      writeFileSync(file, note('1.0.0'));
      await eventually(() => find('note'), (s) => s?.version === '1.0.0', 'a new file appears');
      await eventually(async () => window.changed(), (topics) => topics.includes('skills'), 'the windows are told');
      const listed = await window.call('skills.list', {});
      assert.ok(listed.skills.some((s) => s.name === 'note' && s.source === 'user'));

      writeFileSync(file, note('1.1.0'));
      await eventually(() => find('note'), (s) => s?.version === '1.1.0', 'an edit changes the version');

      writeFileSync(file, note('1.2.0').replace('steps:', 'stepz:'));
      const problems = await eventually(() => core.skills.problems(), (p) => p.some((x) => x.file === 'note.yaml'), 'a broken edit is listed');
      assert.match(problems.find((p) => p.file === 'note.yaml')!.message, /\(version 1\.1\.0, the last that loaded, stays in use\)$/);
      assert.equal((await find('note'))?.version, '1.1.0');

      // Saved the way editors do: written beside, then renamed over.
      writeFileSync(join(userDir, '.note.yaml.tmp'), note('1.3.0'));
      renameSync(join(userDir, '.note.yaml.tmp'), file);
      await eventually(() => find('note'), (s) => s?.version === '1.3.0', 'a rename over the file is an edit');
      assert.ok(!(await core.skills.problems()).some((p) => p.file === 'note.yaml'), 'the fixed file has no problem left');

      rmSync(file);
      await eventually(() => find('note'), (s) => s === undefined, 'a deleted file is gone');
    } finally {
      ipc.close();
    }
  });

  test('deleting the user skill brings the stock one back', async () => {
    rmSync(join(userDir, 'greet.yaml'));
    const stock = await eventually(() => find('greet'), (s) => s?.source === 'stock', 'the stock greet is back');
    assert.deepEqual([stock!.version, stock!.overrides], ['1.0.0', false]);
  });

  test('the skills table holds the skills in use', async () => {
    await core.skills.reload();
    const plan = { irVersion: 1, name: 'read skills', steps: [{ id: 'q', tool: 'sql', input: { query: "SELECT string_agg(name || ' ' || version || ' ' || source || ' ' || array_to_string(tags, '|'), ', ' ORDER BY name) FROM skills" }, verify: [{ kind: 'exit_code' }] }] };
    const { run } = await core.runs.enqueue({ plan });
    await core.runs.follow(run.id, () => undefined);
    const output = (await core.runs.events(run.id, 0, 100)).filter((e) => e.kind === 'output').map((e) => e.message);
    assert.deepEqual(output, [JSON.stringify(['greet 1.0.0 stock , http-health 1.0.0 stock http|monitoring'])]);
  });
});
