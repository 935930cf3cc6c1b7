import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expandSkill } from '../../../electron/core/skills/expand-skill.ts';
import { HEAD, lines, loaded } from './skill-text.ts';

const health = loaded(lines(...HEAD,
  'params:',
  '  urls: { type: string }',
  '  status: { type: integer, default: 200, min: 100, max: 599 }',
  '  verbose: { type: boolean, default: false }',
  '  token: { type: secret, required: false }',
  'steps:',
  '  - id: check',
  '    forEach: urls',
  '    name: "check ${item}"',
  '    tool: http',
  '    input: { url: "${item}", headers: { Authorization: "Bearer ${params.token}" } }',
  '    verify: [{ kind: http, url: "${item}", expectStatus: "${params.status}" }]',
  '  - id: report',
  '    needs: [check]',
  '    tool: shell',
  '    input:',
  '      command: echo "$URLS at $${HOME} after $FIRST"',
  '      env: { URLS: "urls=${params.urls}", VERBOSE: "${params.verbose}", FIRST: "${steps.check-1.exitCode}" }',
  '    verify: [{ kind: output, regex: "${params.status}" }]'));

describe('skill expansion', () => {
  const { plan, params } = expandSkill(health, { urls: 'http://a.test/, http://b.test/ ', token: 's3cret' });

  test('forEach makes a copy per item, ids <id>-1, <id>-2, and needs on the forEach step means every copy', () => {
    assert.deepEqual(plan.steps.map((s) => s.id), ['check-1', 'check-2', 'report']);
    assert.deepEqual(plan.steps.map((s) => s.name), ['check http://a.test/', 'check http://b.test/', undefined]);
    assert.deepEqual(plan.steps[0]!.input.url, 'http://a.test/');
    assert.deepEqual(plan.steps[1]!.verify[0], { kind: 'http', url: 'http://b.test/', expectStatus: 200 });
    assert.deepEqual(plan.steps[2]!.needs, ['check-1', 'check-2']);
  });

  test('a string that is exactly one reference becomes the typed value; a text field takes it as text', () => {
    assert.equal(plan.steps[0]!.verify[0]!.kind === 'http' && plan.steps[0]!.verify[0]!.expectStatus, 200);
    // A shell env value may be a scalar (set as its text when the step runs); an output regex is text only.
    assert.deepEqual(plan.steps[2]!.input.env, { URLS: 'urls=http://a.test/, http://b.test/ ', VERBOSE: false, FIRST: '${steps.check-1.exitCode}' });
    assert.deepEqual(plan.steps[2]!.verify[0], { kind: 'output', regex: '200' });
  });

  test('secrets and step references stay references; a literal $${ stays escaped', () => {
    assert.deepEqual(plan.steps[0]!.input.headers, { Authorization: 'Bearer ${params.token}' });
    assert.equal(plan.steps[2]!.input.command, 'echo "$URLS at $${HOME} after $FIRST"');
    assert.equal((plan.steps[2]!.input.env as Record<string, unknown>).FIRST, '${steps.check-1.exitCode}');
  });

  test('the plan: named after the skill, described by its title, its params defaulting to the bound values', () => {
    assert.equal(plan.name, 'probe');
    assert.equal(plan.description, 'A probe');
    assert.deepEqual(plan.origin, { kind: 'skill', skill: 'probe', version: '1.0.0' });
    assert.deepEqual(plan.params, {
      urls: { type: 'string', default: 'http://a.test/, http://b.test/ ' },
      status: { type: 'integer', default: 200, min: 100, max: 599 },
      verbose: { type: 'boolean', default: false },
      token: { type: 'secret', required: false },
    });
    assert.deepEqual(params, { urls: 'http://a.test/, http://b.test/ ', status: 200, verbose: false, token: 's3cret' });
  });

  test('values as text are converted to their types', () => {
    const text = expandSkill(health, { urls: 'http://c.test/', status: '503', verbose: 'true' }, { fromText: true });
    assert.deepEqual(text.params, { urls: 'http://c.test/', status: 503, verbose: true, token: '' });
    assert.deepEqual(text.plan.steps[0]!.verify[0], { kind: 'http', url: 'http://c.test/', expectStatus: 503 });
    assert.deepEqual(text.plan.steps.map((s) => s.id), ['check-1', 'report']);
  });

  test('a pasted value cannot smuggle in a reference: its ${ is escaped', () => {
    const { plan: sneaky } = expandSkill(health, { urls: 'http://x.test/${params.token}' });
    assert.equal(sneaky.steps[0]!.input.url, 'http://x.test/$${params.token}');
    assert.equal((sneaky.steps[1]!.input.env as Record<string, string>).URLS, 'urls=http://x.test/$${params.token}');
  });

  test('a missing required parameter, a wrong value, and a forEach with no items are refused naming the parameter', () => {
    assert.throws(() => expandSkill(health, {}), { code: 'INVALID_INPUT', message: /^\/probe: invalid parameters: missing parameter "urls"/ });
    assert.throws(() => expandSkill(health, { urls: 'http://a.test/', status: 700 }), { code: 'INVALID_INPUT', message: /parameter "status" \(integer\) must be at most 599/ });
    assert.throws(() => expandSkill(health, { urls: ' , ' }), { code: 'INVALID_INPUT', message: /parameter "urls" holds no items for step "check"/ });
  });

  test('a value that makes the plan invalid is reported on the skill file line it lands on', () => {
    const timed = loaded(lines(...HEAD, 'params:', '  wait: { type: integer, default: 1000 }', 'steps:',
      '  - id: a',
      '    tool: shell',
      '    timeoutMs: "${params.wait}"',
      '    input: { command: "true" }',
      '    verify: [{ kind: exit_code }]'));
    assert.equal(expandSkill(timed, {}).plan.steps[0]!.timeoutMs, 1000);
    assert.throws(() => expandSkill(timed, { wait: 0 }), { code: 'INVALID_PLAN', message: /^\/probe: probe\.yaml:9: steps\[0\]\.timeoutMs: Too small: expected number to be >0/ });
  });

  test('requires.commands: a program missing from PATH is named before anything is queued', () => {
    const needsTool = loaded(lines(...HEAD, 'requires: { commands: [sh, opsroom-no-such-program] }', 'steps:',
      '  - { id: a, tool: shell, input: { command: "true" }, verify: [{ kind: exit_code }] }'));
    assert.throws(() => expandSkill(needsTool, {}), {
      code: 'NOT_CONFIGURED',
      message: 'skill "probe" needs the program "opsroom-no-such-program" on PATH: install it, or add its folder to PATH, and try again',
    });
    const present = loaded(lines(...HEAD, 'requires: { commands: [sh] }', 'steps:',
      '  - { id: a, tool: shell, input: { command: "true" }, verify: [{ kind: exit_code }] }'));
    assert.equal(expandSkill(present, {}).plan.steps.length, 1);
  });
});

describe('optional checks: when', () => {
  const optional = loaded(lines(...HEAD,
    'params:',
    '  url: { type: string }',
    '  expect: { type: string, required: false }',
    '  notify: { type: boolean, default: false }',
    'steps:',
    '  - id: check',
    '    tool: shell',
    '    input: { command: "true" }',
    '    verify:',
    '      - { kind: exit_code }',
    '      - { kind: http, when: expect, url: "${params.url}", bodyContains: "${params.expect}" }',
    '  - id: notify',
    '    when: notify',
    '    needs: [check]',
    '    tool: shell',
    '    input: { command: "true" }',
    '    verify: [{ kind: exit_code }]',
    '  - id: done',
    '    needs: [check, notify]',
    '    tool: shell',
    '    input: { command: "true" }',
    '    verify: [{ kind: exit_code }]'));

  test('an unset parameter leaves its verifier and its step out, and nothing needs the left-out step', () => {
    const { plan } = expandSkill(optional, { url: 'http://a.test/' });
    assert.deepEqual(plan.steps.map((s) => s.id), ['check', 'done']);
    assert.deepEqual(plan.steps[0]!.verify, [{ kind: 'exit_code' }]);
    assert.deepEqual(plan.steps[1]!.needs, ['check']);
  });

  test('a set parameter keeps them, without the when key', () => {
    const { plan } = expandSkill(optional, { url: 'http://a.test/', expect: 'ok', notify: true });
    assert.deepEqual(plan.steps.map((s) => s.id), ['check', 'notify', 'done']);
    assert.deepEqual(plan.steps[0]!.verify[1], { kind: 'http', url: 'http://a.test/', bodyContains: 'ok' });
    assert.deepEqual(plan.steps[2]!.needs, ['check', 'notify']);
  });
});
