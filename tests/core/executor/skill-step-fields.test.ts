import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expandSkill } from '../../../electron/core/skills/expand-skill.ts';
import { HEAD, lines, loaded, problemsOf } from '../skills/skill-text.ts';

test('a skill takes keepGoing and the step fields if, disabled, precheck and continueOn into its plan', () => {
  const skill = loaded(lines(...HEAD,
    'keepGoing: true',
    'params:',
    '  env: { type: string, default: dev }',
    '  dir: { type: string, default: /tmp }',
    '  tolerated: { type: integer, default: 3 }',
    'steps:',
    '  - id: probe',
    '    tool: shell',
    '    input: { command: echo ready }',
    '    verify: [{ kind: exit_code }]',
    '  - id: deploy',
    '    needs: [probe]',
    '    tool: shell',
    '    if: { all: [{ value: "${params.env}", equals: prod }, { value: "${steps.probe.stdout}", matches: "^ready" }] }',
    '    precheck: true',
    '    continueOn: { exitCodes: ["${params.tolerated}"], output: "already deployed" }',
    '    input: { command: "true" }',
    '    verify: [{ kind: exit_code }, { kind: file, path: "${params.dir}" }]',
    '  - id: legacy',
    '    disabled: true',
    '    tool: shell',
    '    input: { command: "true" }',
    '    verify: [{ kind: exit_code }]'));
  const { plan } = expandSkill(skill, { env: 'p${x}' });
  assert.equal(plan.keepGoing, true);
  const deploy = plan.steps[1]!;
  // `if` is an IR template: a pasted value is escaped (it can never become a reference), ${steps.…} stays.
  assert.deepEqual(deploy.if, { all: [{ value: 'p$${x}', equals: 'prod' }, { value: '${steps.probe.stdout}', matches: '^ready' }] });
  assert.deepEqual([deploy.precheck, deploy.continueOn], [true, { exitCodes: [3], output: 'already deployed' }]);
  assert.equal(plan.steps[2]!.disabled, true);
});

test('a skill step whose pre-check has nothing to run, or whose condition reads a step it does not need, is refused with its line', () => {
  const problems = problemsOf(lines(...HEAD,
    'steps:',
    '  - id: a',
    '    tool: shell',
    '    precheck: true',
    '    input: { command: "true" }',
    '    verify: [{ kind: exit_code }]',
    '  - id: b',
    '    tool: shell',
    '    if: { value: "${steps.a.exitCode}", equals: 0 }',
    '    input: { command: "true" }',
    '    verify: [{ kind: exit_code }]'));
  assert.equal(problems.length, 2, problems.join('\n'));
  assert.ok(problems.some((p) => p.startsWith('probe.yaml:7: steps[0].precheck: step "a" has precheck but no http, sql or file verifier')), problems.join('\n'));
  assert.ok(problems.some((p) => p.startsWith('probe.yaml:12: steps[1].if.value: step "b" references ${steps.a.exitCode} but does not depend on "a"')), problems.join('\n'));
});
