import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CoreError, createCore } from '../../../electron/core/index.ts';
import { compileRunbook } from '../../../electron/core/compile/runbook/compile-runbook.ts';
import type { RunEvent } from '../../../shared/domain/run.ts';
import type { Step } from '../../../shared/ir/plan.ts';
import { makeRunbook } from '../../bench/runbook-input.ts';
import { tempDir } from '../../helpers/tmp.ts';

const fixture = (name: string) => new URL(`../../fixtures/runbooks/${name}`, import.meta.url).pathname;
const steps = (text: string, path?: string) => compileRunbook(text, { path }).plan.steps;
const only = (text: string, path?: string): Step => {
  const [step, ...rest] = steps(text, path);
  assert.equal(rest.length, 0);
  return step!;
};
const sh = (code: string, info = 'sh') => `\`\`\`${info}\n${code}\n\`\`\`\n`;

/** The message of the INVALID_PLAN the runbook is refused with. */
function refusal(text: string, path = '/srv/rb.md'): string {
  try {
    compileRunbook(text, { path });
  } catch (error) {
    assert.ok(error instanceof CoreError, `not a CoreError: ${String(error)}`);
    assert.equal(error.code, 'INVALID_PLAN');
    return error.message;
  }
  assert.fail('the runbook compiled');
}

describe('compileRunbook: a realistic runbook with Runme attributes', () => {
  const path = fixture('release.md');
  const { plan, warnings } = compileRunbook(readFileSync(path, 'utf8'), { path });
  const step = (id: string) => plan.steps.find((s) => s.id === id)!;
  const folder = join(path, '..');

  test('plan: name, description, params and origin from the front matter', () => {
    assert.equal(plan.name, 'Release the billing service');
    assert.equal(plan.description, 'Build, test and ship the billing service to one region.');
    assert.deepEqual(Object.keys(plan.params!), ['REGION', 'VERSION', 'DEPLOY_TOKEN']);
    assert.equal(plan.params!.DEPLOY_TOKEN!.type, 'secret');
    assert.deepEqual(plan.origin, { kind: 'runbook', path });
    assert.deepEqual(warnings, []);
  });

  test('shell blocks are the steps, in order; console, yaml and excluded blocks are not', () => {
    assert.deepEqual(plan.steps.map((s) => s.id), ['check-tools', 'build', 'unit-tests', 'lint', 'deploy', 'smoke-test']);
    assert.ok(!plan.steps.some((s) => JSON.stringify(s.input).includes('rollback.sh') && s.id !== 'smoke-test'));
    assert.deepEqual(plan.steps.map((s) => s.name), ['check-tools', 'build', 'unit-tests', 'lint', 'deploy', 'Smoke test']);
  });

  test('needs: each step needs the one above, unless its attributes say otherwise', () => {
    assert.deepEqual(plan.steps.map((s) => s.needs), [undefined, ['check-tools'], ['build'], ['build'], ['unit-tests', 'lint'], ['deploy']]);
  });

  test('prose since the previous step is the description, headings and non-step blocks included', () => {
    assert.equal(step('check-tools').description,
      '# Release the billing service\n\nShips one release. Read it top to bottom: each shell block is one step.\n\n## Prerequisites\n\nCheck the tools are installed.');
    assert.equal(step('build').description, '## Build\n\nThe build writes `dist/`.');
    assert.equal(step('unit-tests').description, 'What a good build prints (not a step):\n\n```console\n$ make build\nok\n```\n\n## Test',
      'the opsroom comment is not prose');
    assert.equal(step('lint').description, undefined);
    assert.match(step('smoke-test').description!, /^```sh \{"excludeFromRunme":true\}\n# Roll back by hand only:\n\.\/rollback\.sh\n```\n\n```yaml\n[^]*replicas: 3\n```\n\n### Smoke test$/);
  });

  test('Runme cwd is relative to the front matter cwd, itself relative to the runbook folder', () => {
    assert.equal(step('check-tools').input.cwd, join(folder, 'service'));
    assert.equal(step('build').input.cwd, join(folder, 'service', 'app'));
  });

  test('a bash block runs in bash; the key=value form carries lane and needs; JSON carries timeout', () => {
    assert.equal(step('build').input.command, `bash -c 'make build VERSION="$VERSION"'`);
    assert.equal(step('lint').lane, 'B');
    assert.equal(step('deploy').timeoutMs, 300_000);
    assert.equal(step('deploy').continueOnError, false);
  });

  test('the opsroom comment adds verifiers, a timeout and retries', () => {
    assert.deepEqual(step('unit-tests').verify, [{ kind: 'exit_code' }, { kind: 'output', regex: 'passed', stream: 'stdout' }]);
    assert.equal(step('unit-tests').timeoutMs, 600_000);
    assert.deepEqual(step('unit-tests').retry, { attempts: 2, delayMs: 1000 });
    assert.deepEqual(step('check-tools').verify, [{ kind: 'exit_code' }], 'the default proof');
  });

  test('parameters reach a block as environment variables, never as text; ${HOME} stays the shell\'s', () => {
    const deploy = step('deploy');
    assert.deepEqual(deploy.input.env, { REGION: '${params.REGION}', DEPLOY_TOKEN: '${params.DEPLOY_TOKEN}' },
      '$REGIONS is another variable, VERSION is not mentioned');
    assert.equal(deploy.input.command,
      './deploy.sh --region "$REGION" --token "$DEPLOY_TOKEN" --cache "$${HOME}/.cache/deploy" --regions "$REGIONS"');
    assert.deepEqual(step('build').input.env, { VERSION: '${params.VERSION}' });
    assert.equal(step('check-tools').input.env, undefined);
  });
});

describe('compileRunbook: Markdown as Runme reads it', () => {
  test('``` and ~~~ fences of any length, indented up to 3 spaces; a fence inside a longer fence is content', () => {
    const text = ['````sh', 'cat <<EOF', '```sh', 'not a block', '```', 'EOF', '````', '', '   ~~~bash', '   echo tilde', '   ~~~', ''].join('\n');
    const [first, second] = steps(text);
    assert.equal(first!.input.command, 'cat <<EOF\n```sh\nnot a block\n```\nEOF');
    assert.equal(second!.input.command, "bash -c 'echo tilde'");
  });

  test('four spaces make an indented code block, not a fence; a fence in a list item is a block', () => {
    const text = ['Text', '', '    ```sh', '    echo indented', '    ```', '', '10. Restart:', '', '    ```sh', '    systemctl restart app', '    ```', ''].join('\n');
    assert.equal(only(text).input.command, 'systemctl restart app');
  });

  test('other languages and unlabelled blocks are prose; a commented-out block is not a step', () => {
    const text = ['```json', '{"a": 1}', '```', '```', 'plain', '```', '```console', '$ ls', '```',
      '<!--', '```sh', 'rm -rf /tmp/x', '```', '-->', sh('echo real').trim()].join('\n');
    const step = only(text);
    assert.equal(step.input.command, 'echo real');
    assert.match(step.description!, /```json[^]*plain[^]*\$ ls[^]*<!--[^]*rm -rf/);
  });

  test('excludeFromRunme, excludeFromRunAll, ignore and skip leave a block out; background warns', () => {
    const text = [sh('echo a', 'sh {"excludeFromRunme":true}'), sh('echo b', 'sh {"excludeFromRunAll":"true"}'),
      sh('echo c', 'sh { ignore=true }'), sh('echo d', 'sh {"skip":true}'), sh('echo e', 'sh {"background":true,"name":"e"}')].join('\n');
    const { plan, warnings } = compileRunbook(text, { path: '/srv/rb.md' });
    assert.deepEqual(plan.steps.map((s) => s.id), ['e']);
    assert.equal(plan.steps[0]!.needs, undefined, 'left-out blocks are not steps to need');
    assert.deepEqual(warnings, ['rb.md:17: background blocks are not supported: the block runs in the foreground and the next step waits for it']);
  });

  test('ids: a name that is no id is slugged; unnamed blocks take their heading; repeats are numbered', () => {
    const text = ['## Build the app!', sh('make'), sh('make again'), sh('echo', 'sh {"name":"Ship it"}'), sh('echo')].join('\n');
    const result = steps(text);
    assert.deepEqual(result.map((s) => [s.id, s.name]), [
      ['build-the-app', 'Build the app!'], ['build-the-app-2', 'Build the app!'], ['ship-it', 'Ship it'], ['build-the-app-3', 'Build the app!']]);
    assert.deepEqual(steps(['```sh {"name":"a","needs":"Ship it"}', 'x', '```', sh('y', 'sh {"name":"Ship it","needs":[]}')].join('\n'))
      .map((s) => s.needs), [['ship-it'], undefined], 'needs may name a block by its name');
  });

  test('CRLF line ends, setext headings, and a description cut at 5,000 characters', () => {
    const text = ['Restart the database', '====================', '', 'x'.repeat(6000), '', '```sh', 'pg_ctl restart', '```', ''].join('\r\n');
    const { plan } = compileRunbook(text);
    assert.equal(plan.name, 'Restart the database');
    const [step] = plan.steps;
    assert.deepEqual([step!.id, step!.name, step!.input.command], ['restart-the-database', 'Restart the database', 'pg_ctl restart']);
    assert.equal(step!.description!.length, 5000);
    assert.ok(step!.description!.endsWith('x…'));
  });

  test('plan name: front matter, else the first # heading, else the file name', () => {
    assert.equal(compileRunbook(`## Sub\n# Title\n${sh('x')}`).plan.name, 'Title');
    assert.equal(compileRunbook(sh('x'), { path: '/srv/restart-db.md' }).plan.name, 'restart-db');
    assert.equal(compileRunbook(sh('x')).plan.name, 'runbook');
  });
});

describe('compileRunbook: our annotations', () => {
  test('in the attributes or in a YAML comment above the block; needs as a comma list; timeout in ms', () => {
    const text = ['<!-- opsroom: {needs: "a, b", lane: C, timeout: 1500, continueOnError: true, env: {MODE: fast, N: 3}} -->', '',
      sh('echo $MODE', 'sh {"name":"c","retry":3}'), sh('x', 'sh {"name":"a","needs":[]}'), sh('y', 'sh { name=b needs=[] }')].join('\n');
    const [c] = steps(text, '/srv/rb.md');
    assert.deepEqual({ needs: c!.needs, lane: c!.lane, timeoutMs: c!.timeoutMs, continueOnError: c!.continueOnError, retry: c!.retry, env: c!.input.env },
      { needs: ['a', 'b'], lane: 'C', timeoutMs: 1500, continueOnError: true, retry: { attempts: 3 }, env: { MODE: 'fast', N: '3' } });
  });

  test('a file verifier\'s relative path is the block\'s working directory\'s', () => {
    const text = ['<!-- opsroom: {verify: [{kind: file, path: out/report.txt}, {kind: file, path: /etc/hosts}]} -->', sh('x', 'sh {"cwd":"app"}')].join('\n');
    assert.deepEqual(only(text, join('/srv/ops', 'rb.md')).verify,
      [{ kind: 'file', path: join('/srv/ops', 'app', 'out', 'report.txt') }, { kind: 'file', path: '/etc/hosts' }]);
    assert.deepEqual(only(text).verify[0], { kind: 'file', path: 'out/report.txt' }, 'no file, no folder to anchor it to');
  });

  test('front matter shell runs every block in that shell', () => {
    const step = only(`---\nshell: zsh\n---\n${sh("echo 'hi'")}`);
    assert.equal(step.input.command, `zsh -c 'echo '\\''hi'\\'''`);
  });

  test('a parameter is matched by its exact name; a near miss in case warns', () => {
    const { plan, warnings } = compileRunbook(`---\nparams:\n  region: { type: string }\n---\n${sh('echo $REGION ${region:-eu} ${#region}')}`);
    assert.deepEqual(plan.steps[0]!.input.env, { region: '${params.region}' });
    assert.equal(plan.steps[0]!.input.command, 'echo $REGION $${region:-eu} $${#region}');
    assert.deepEqual(warnings, ['runbook:5: $REGION is not the parameter "region" (names match exactly), so the block does not get its value']);
  });
});

describe('compileRunbook: every problem at its line', () => {
  test('a broken runbook lists all its problems, in file order', () => {
    const path = fixture('broken.md');
    assert.equal(refusal(readFileSync(path, 'utf8'), path), [
      'broken.md:5: params.port.type: Invalid option: expected one of "string"|"integer"|"number"|"boolean"|"enum"|"secret"',
      'broken.md:6: unknown front matter key "owner"; known keys: name, description, cwd, shell, params, sandbox, runme, skipPrompts, terminalRows, category',
      `broken.md:11: the attributes {"name": build} are neither JSON (Unexpected token 'b', "{"name": build}" is not valid JSON) nor key=value pairs`,
      'broken.md:15: unknown block option "needz" (did you mean needs?); known: name, cwd, interpreter, excludeFromRunme, excludeFromRunAll, '
        + 'ignore, skip, background, verify, needs, lane, timeout, retry, continueOnError, env',
      'broken.md:20: duplicate step id "test": the block at line 16 has it too',
    ].join('\n'));
  });

  test('a cycle is reported at the block whose needs close it', () => {
    const text = [sh('echo a', 'sh {"name":"a","needs":["c"]}'), sh('echo b', 'sh {"name":"b"}'), sh('echo c', 'sh {"name":"c"}')].join('\n');
    assert.equal(refusal(text), 'rb.md:5: step "b" needs "a", which closes a cycle: a -> c -> b -> a (each step needs the next); '
      + 'a block needs the one above it unless it says "needs"');
    const explicit = [sh('echo a', 'sh {"name":"a","needs":["b"]}'), sh('echo b', 'sh {"name":"b","needs":"a"}')].join('\n');
    assert.equal(refusal(explicit), 'rb.md:5: step "b" needs "a", which closes a cycle: a -> b -> a (each step needs the next)');
  });

  test('unknown needs, a bad verifier, a bad lane and a bad timeout, each at the line it was written on', () => {
    const text = ['<!-- opsroom:', '  needs: [build, nope]', '  verify:', '    - kind: exit_code', '    - kind: http', '  lane: "two words"', '-->',
      sh('make', 'sh {"name":"build","timeout":"soon"}')].join('\n');
    assert.equal(refusal(text), [
      'rb.md:8: "timeout" takes a duration such as 30s, 5m or 2h, or milliseconds (got "soon")',
    ].join('\n'), 'option problems come first');
    assert.equal(refusal(text.replace('"soon"', '"5s"')), [
      'rb.md:2: step "build" needs itself',
      'rb.md:2: step "build" needs unknown step "nope"',
      'rb.md:5: step "build" verify[1].url: Invalid input: expected string, received undefined',
      'rb.md:6: step "build" lane: Invalid string: must match pattern /^[A-Za-z0-9_-]{1,32}$/',
    ].join('\n'));
  });

  test('an annotation must sit directly above a shell block; a key set twice is refused', () => {
    assert.match(refusal(`<!-- opsroom: {lane: B} -->\nSome text.\n${sh('x')}`), /^rb\.md:1: this opsroom comment is not directly above a shell code block: line 2 comes between them$/);
    assert.match(refusal(`<!-- opsroom: {lane: B} -->\n${sh('{}', 'json')}`), /^rb\.md:1: .*the block at line 2 is "json", not sh/);
    assert.equal(refusal(`<!-- opsroom: {lane: B} -->\n${sh('x', 'sh { lane=C }')}`),
      'rb.md:2: "lane" is set twice: in the opsroom comment (line 1) and in the attributes (line 2)');
    assert.match(refusal(`<!-- opsroom: [1, 2] -->\n${sh('x')}`), /^rb\.md:1: an opsroom comment holds block options/);
    assert.match(refusal(`<!-- opsroom: {lane: [B} -->\n${sh('x')}`), /^rb\.md:1: YAML: /);
  });

  test('plan references in shell text are refused: values are never pasted into commands', () => {
    assert.match(refusal(`text\n${sh('echo ${params.who} ${steps.a.stdout}')}`),
      /^rb\.md:2: "\$\{params\.who\}" in shell code is not replaced[^\n]*\nrb\.md:2: "\$\{steps\.a\.stdout\}" in shell code/);
  });

  test('front matter: a YAML error, an unclosed block, a sandbox with a relative directory', () => {
    assert.equal(refusal('---\nname: [x\n---\n'), 'rb.md:2: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]');
    assert.equal(refusal('---\nname: x\n'), 'rb.md:1: the front matter opened here is never closed: end it with a "---" line');
    assert.equal(refusal(`---\nsandbox:\n  directories: [relative/dir]\n---\n${sh('x')}`),
      'rb.md:3: sandbox.directories[0]: an absolute path');
  });

  test('no shell blocks, an unclosed shell block', () => {
    assert.equal(refusal('# Notes\n\n```python\nprint(1)\n```\n'), 'rb.md: no shell code blocks found (```sh … ```)');
    assert.equal(refusal('# Notes\n\n```sh\necho\n'), 'rb.md:3: this code block is never closed: add the closing fence, or everything below it is shell code');
  });
});

describe('compileRunbook on a real core', () => {
  test('a compiled runbook runs its steps in order, in its folder, with parameters as environment variables', async () => {
    const dir = tempDir().path;
    const path = join(dir, 'ordered.md');
    copyFileSync(fixture('ordered.md'), path);
    const { plan } = compileRunbook(readFileSync(path, 'utf8'), { path });
    const core = await createCore({ dataDir: join(dir, 'data'), lanes: ['A'], pollMs: 100 });
    try {
      const { run } = await core.runs.enqueue({ plan, source: path, params: { GREETING: 'bonjour' } });
      const events: RunEvent[] = [];
      const final = await core.runs.follow(run.id, (e) => events.push(e));
      const log = events.map((e) => e.message).join('\n');
      assert.equal(final.status, 'succeeded', log);
      assert.equal(readFileSync(join(dir, 'order.txt'), 'utf8'), 'one\ntwo\nthree\n', 'each step ran after the one above it');
      assert.equal(readFileSync(join(dir, 'greeting.txt'), 'utf8'), `bonjour ${process.env.HOME ?? homedir()}\n`);
      const { steps: ran } = await core.runs.get(run.id);
      assert.deepEqual(ran.map((s) => [s.stepId, s.status]), [['one', 'succeeded'], ['two', 'succeeded'], ['three', 'succeeded']]);
      const proofs = await core.proofs.list(run.id);
      assert.ok(proofs.some((p) => p.stepId === 'two' && p.verifierKind === 'file' && p.passed), JSON.stringify(proofs));
    } finally {
      await core.close();
    }
  });
});

describe('compileRunbook: benchmark input', () => {
  test('makeRunbook(200) compiles to 200 steps', () => {
    const { plan, warnings } = compileRunbook(makeRunbook(200), { path: '/srv/bench.md' });
    assert.equal(plan.steps.length, 200);
    assert.deepEqual(warnings, []);
    assert.deepEqual(plan.steps[3]!.needs, ['shard-3', 'shard-2']);
  });
});
