import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { classifyInput } from '../../../electron/core/compile/classify-input.ts';
import { closestNames } from '../../../electron/core/compile/closest-names.ts';
import { parseSkillArgs, withoutSecretArgs } from '../../../electron/core/compile/skill-args.ts';
import { tokenize } from '../../../electron/core/compile/tokenize.ts';
import { CoreError } from '../../../electron/core/errors.ts';
import { tempDir } from '../../helpers/tmp.ts';

const dir = tempDir('opsroom-grammar-').path;
writeFileSync(join(dir, 'deploy.md'), '# Deploy\n```sh\necho hi\n```\n');
writeFileSync(join(dir, 'plan.opsplan.json'), '{}');
const ctx = { skillNames: ['http-health', 'pg-migrate', 'tls-expiry'], cwd: dir };

const rejects = async (text: string, code: string, pattern: RegExp, context = ctx) => {
  await assert.rejects(classifyInput(text, context), (error: CoreError) => {
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    return true;
  });
};

describe('the grammar', () => {
  test('plain text is one shell command, kept exactly as typed', async () => {
    assert.deepEqual(await classifyInput('  systemctl restart nginx && echo "${HOME}" ', ctx),
      { kind: 'shell', command: 'systemctl restart nginx && echo "${HOME}"' });
    assert.deepEqual(await classifyInput('/usr/bin/env true', ctx), { kind: 'shell', command: '/usr/bin/env true' });
    assert.deepEqual(await classifyInput('cat deploy.md', ctx), { kind: 'shell', command: 'cat deploy.md' });
  });

  test('/skill with key=value words, quotes keeping spaces', async () => {
    assert.deepEqual(await classifyInput('/http-health urls="https://a.test https://b.test" status=200', ctx),
      { kind: 'skill', name: 'http-health', args: ['urls=https://a.test https://b.test', 'status=200'] });
    assert.deepEqual(await classifyInput('/skill tls-expiry hosts=x:443', ctx), { kind: 'skill', name: 'tls-expiry', args: ['hosts=x:443'] });
  });

  test('an unknown skill names the closest ones, never runs a guess', async () => {
    await rejects('/http-helth urls=x', 'UNKNOWN_SKILL', /no skill named "http-helth"; did you mean \/http-health\?/);
    await rejects('/zzzzzz', 'UNKNOWN_SKILL', /skills: \/http-health, \/pg-migrate, \/tls-expiry/);
  });

  test('a skill name that is also a program is ambiguous: both candidates, and how to pick each', async (t) => {
    // Ambiguity needs a file at "/<skill name>": writable only by root (as here); elsewhere the case is skipped.
    const name = `opsroom-ambiguous-${process.pid}`;
    try {
      writeFileSync(`/${name}`, '#!/bin/sh\n', { mode: 0o755 });
    } catch (error) {
      return t.skip(`cannot create /${name} (${(error as NodeJS.ErrnoException).code}): ambiguity needs a root-level file`);
    }
    try {
      await rejects(`/${name} x=1`, 'AMBIGUOUS_INPUT', new RegExp(`both the skill ${name} and the program /${name}: write "/skill ${name} …" for the skill or "\\$ /${name} x=1" for the program`), { ...ctx, skillNames: [name] });
      assert.deepEqual(await classifyInput(`/skill ${name} x=1`, { ...ctx, skillNames: [name] }), { kind: 'skill', name, args: ['x=1'] });
      assert.deepEqual(await classifyInput(`$ /${name} x=1`, { ...ctx, skillNames: [name] }), { kind: 'shell', command: `/${name} x=1` });
      // Without a skill of that name, the program simply runs.
      assert.deepEqual(await classifyInput(`/${name}`, ctx), { kind: 'shell', command: `/${name}` });
    } finally {
      rmSync(`/${name}`, { force: true });
    }
    assert.deepEqual(await classifyInput('/usr/bin/env true', ctx), { kind: 'shell', command: '/usr/bin/env true' });
  });

  test('a lone .json or .md word is a file to compile; a missing one is an error, not a command', async () => {
    assert.deepEqual(await classifyInput('deploy.md', ctx), { kind: 'file', path: join(dir, 'deploy.md') });
    assert.deepEqual(await classifyInput(`"${join(dir, 'plan.opsplan.json')}"`, ctx), { kind: 'file', path: join(dir, 'plan.opsplan.json') });
    await rejects('missing.md', 'INVALID_INPUT', /no file .*missing\.md \(missing\.md taken relative to .*\): .*"\$ missing\.md"/);
  });

  test('"?" asks for a draft, "$ " forces a command', async () => {
    assert.deepEqual(await classifyInput('? is example.com up', ctx), { kind: 'natural-language', request: 'is example.com up' });
    await rejects('?', 'INVALID_INPUT', /after "\?" say in words/);
    assert.deepEqual(await classifyInput('$ deploy.md', ctx), { kind: 'shell', command: 'deploy.md' });
    assert.deepEqual(await classifyInput('$ /http-health', ctx), { kind: 'shell', command: '/http-health' });
    await rejects('   ', 'INVALID_INPUT', /type a command/);
  });

  test('skill arguments: every problem at once; secrets left out of what is remembered', () => {
    const params = { urls: { type: 'string' as const }, token: { type: 'secret' as const } };
    assert.deepEqual(parseSkillArgs('x', ['urls=a=b', 'token=s'], params), { urls: 'a=b', token: 's' });
    assert.throws(() => parseSkillArgs('x', ['urls', 'nope=1', 'urls=a', 'urls=b'], params),
      /\/x: "urls" is not key=value; unknown parameter "nope"; "urls" is given twice \(parameters: urls, token\)/);
    assert.deepEqual(withoutSecretArgs(['urls=a', 'token=hunter2'], params), ['urls=a']);
  });

  test('tokenize splits like a shell and reports an unclosed quote', () => {
    assert.deepEqual(tokenize(`a 'b c' "d \\"e\\"" f\\ g`), { words: ['a', 'b c', 'd "e"', 'f g'] });
    assert.deepEqual(tokenize('x="unclosed'), { error: 'unclosed double quote at character 3' });
  });

  test('closest names: prefixes and small typos, nearest first', () => {
    assert.deepEqual(closestNames('pg', ['pg-migrate', 'pg-backup-verify', 'git-release']), ['pg-backup-verify', 'pg-migrate']);
    assert.deepEqual(closestNames('git-relase', ['pg-migrate', 'git-release']), ['git-release']);
  });

  test('property: any text is classified or refused with a CoreError that says what it refused', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(fc.string(), fc.string().map((s) => `/${s}`), fc.string().map((s) => `? ${s}`), fc.string().map((s) => `${s}.md`)), async (text) => {
      try {
        await classifyInput(text, ctx);
      } catch (error) {
        assert.ok(error instanceof CoreError, `not a CoreError: ${error}`);
        assert.ok(error.message.length > 10);
      }
    }), { numRuns: 300 });
  });
});

describe('which compiler a Markdown file goes to', async () => {
  const { isTaskList } = await import('../../../electron/core/compile/is-task-list.ts');
  test('task lines outside code blocks make a task list; inside a fence they are an example in a runbook', () => {
    assert.equal(isTaskList('/r/notes.md', '# Plan\n- [ ] T001 Create src/a.py\n'), true);
    assert.equal(isTaskList('/r/specs/001/tasks.md', '# anything\n'), true);
    assert.equal(isTaskList('/r/runbook.md', '# How\n```markdown\n- [ ] T001 Create src/a.py\n```\n```sh\necho hi\n```\n'), false);
    assert.equal(isTaskList('/r/runbook.md', '~~~~\n```\n- [ ] T001 x\n```\n~~~~\n'), false);
  });
});

describe('the grammar, review cases', () => {
  test('an unclosed quote after a skill is refused, never run as a shell command', async () => {
    await rejects('/http-health urls="https://a token=s3cr3t', 'INVALID_INPUT', /cannot read the parameters of \/http-health: unclosed double quote/);
    await rejects("/skill http-health contains=it's", 'INVALID_INPUT', /cannot read the parameters of \/skill: unclosed single quote/);
    // A shell command keeps its own quoting problems for the shell to report.
    assert.deepEqual(await classifyInput('echo "unclosed', ctx), { kind: 'shell', command: 'echo "unclosed' });
  });

  test('a path with spaces names the file without quotes', async () => {
    writeFileSync(join(dir, 'my runbook.md'), '```sh\ntrue\n```\n');
    assert.deepEqual(await classifyInput('my runbook.md', ctx), { kind: 'file', path: join(dir, 'my runbook.md') });
    assert.deepEqual(await classifyInput(join(dir, 'my runbook.md'), ctx), { kind: 'file', path: join(dir, 'my runbook.md') });
  });

  test('backslashes are path separators where they are (Windows), escapes elsewhere', () => {
    assert.deepEqual(tokenize('C:\\Users\\me\\plan.json', { backslashEscapes: false }), { words: ['C:\\Users\\me\\plan.json'] });
    assert.deepEqual(tokenize('a\\ b'), { words: ['a b'] });
  });
});
