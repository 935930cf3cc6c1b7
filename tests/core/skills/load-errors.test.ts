import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HEAD, lines, loaded, problemsOf } from './skill-text.ts';

// Each problem must name the file, the line and the field, as `probe.yaml:LINE: FIELD: message`.
describe('skill load errors', () => {
  test('a YAML syntax error names its line', () => {
    const problems = problemsOf(lines(...HEAD, 'steps:', '  - id: a', '    tool: [shell', '    input: {}'));
    assert.equal(problems.length >= 1, true);
    assert.match(problems[0]!, /^probe\.yaml:(6|7): YAML: /);
  });

  test('a parameter of a wrong type names the parameter line and field', () => {
    const problems = problemsOf(lines(...HEAD,
      'params:',
      '  count: { type: int, default: 3 }',
      'steps:',
      '  - { id: a, tool: shell, input: { command: "true" }, verify: [{ kind: exit_code }] }'));
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0]!, /^probe\.yaml:5: params\.count\.type: Invalid option: expected one of "string"\|"integer"/);
  });

  test('a default that is not a valid value of its parameter', () => {
    const problems = problemsOf(lines(...HEAD,
      'params:',
      '  status: { type: integer, default: 700, min: 100, max: 599 }',
      'steps:',
      '  - { id: a, tool: shell, input: { command: "true" }, verify: [{ kind: exit_code }] }'));
    assert.deepEqual(problems, ['probe.yaml:5: params.status.default: the default must be at most 599']);
  });

  test('a bad verifier field is placed on its line through the template, even when filled from a parameter', () => {
    const problems = problemsOf(lines(...HEAD,
      'params:',
      '  status: { type: integer, default: 200 }',
      '  note: { type: string, default: "not a status" }',
      'steps:',
      '  - id: check',
      '    tool: http',
      '    input: { url: "http://127.0.0.1:1/" }',
      '    verify:',
      '      - kind: http',
      '        url: "http://127.0.0.1:1/"',
      '        expectStatus: "${params.note}"',
    ));
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0]!, /^probe\.yaml:14: steps\[0\]\.verify\[0\]\.expectStatus: /);
  });

  test('a misspelt key of a verifier names that key', () => {
    const problems = problemsOf(lines(...HEAD,
      'steps:',
      '  - id: a',
      '    tool: shell',
      '    input: { command: "true" }',
      '    verify:',
      '      - kind: exit_code',
      '        expected: 0'));
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0]!, /^probe\.yaml:10: steps\[0\]\.verify\[0\]\.expected: /);
  });

  test('an unknown key of the skill names that key', () => {
    const problems = problemsOf(lines(...HEAD, 'tag: [x]', 'steps: []'));
    assert.ok(problems.includes('probe.yaml:4: tag: unknown field (Unrecognized key: "tag")'), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('probe.yaml:5: steps: Too small')), problems.join('\n'));
  });

  test('a shell command with ${params.x} or ${item} pasted in is refused: values go through env', () => {
    const problems = problemsOf(lines(...HEAD,
      'params:',
      '  url: { type: string }',
      'steps:',
      '  - id: fetch',
      '    tool: shell',
      '    input:',
      '      command: curl -fsS "${params.url}"',
      '    verify: [{ kind: exit_code }]'));
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^probe\.yaml:10: steps\[0\]\.input\.command: a shell command must not paste in \$\{params\.…\}, \$\{steps\.…\} or \$\{item\} .*pass it through env/);
    // An earlier step's output is refused too: it may echo a value, or come from anywhere.
    const output = problemsOf(lines(...HEAD, 'steps:',
      '  - { id: a, tool: shell, input: { command: "hostname" }, verify: [{ kind: exit_code }] }',
      '  - { id: b, needs: [a], tool: shell, input: { command: "ping ${steps.a.stdout}" }, verify: [{ kind: exit_code }] }'));
    assert.match(output[0] ?? '', /^probe\.yaml:6: steps\[1\]\.input\.command: a shell command must not paste in/);
    const item = problemsOf(lines(...HEAD, 'params:', '  hosts: { type: string }', 'steps:',
      '  - { id: ping, forEach: hosts, tool: shell, input: { command: "ping -c1 ${item}" }, verify: [{ kind: exit_code }] }'));
    assert.match(item[0] ?? '', /^probe\.yaml:7: steps\[0\]\.input\.command: a shell command must not paste in/);
    // Through env, and with shell variables written $VAR or $${VAR}, it loads.
    loaded(lines(...HEAD, 'params:', '  url: { type: string }', 'steps:',
      '  - { id: fetch, tool: shell, input: { command: "curl -fsS \\"$URL\\" $${HOME}", env: { URL: "${params.url}" } }, verify: [{ kind: exit_code }] }'));
  });

  test('when must name a declared parameter that is not a secret', () => {
    const problems = problemsOf(lines(...HEAD, 'params:', '  token: { type: secret }', 'steps:',
      '  - id: a',
      '    when: tokn',
      '    tool: shell',
      '    input: { command: "true" }',
      '    verify: [{ kind: exit_code }, { kind: output, regex: x, when: token }]'));
    assert.deepEqual(problems, [
      'probe.yaml:8: steps[0].when: when names no parameter "tokn" (declared: token)',
      'probe.yaml:11: steps[0].verify[1].when: when cannot name the secret "token": its value is bound only when the run starts',
    ]);
  });

  test('a malformed reference, ${item} outside forEach and a forEach over a missing parameter', () => {
    const problems = problemsOf(lines(...HEAD,
      'steps:',
      '  - { id: a, tool: http, input: { url: "${params.u rl}" }, verify: [{ kind: exit_code }] }',
      '  - { id: b, tool: http, input: { url: "${item}" }, verify: [{ kind: exit_code }] }'));
    assert.equal(problems.length, 2, problems.join('\n'));
    assert.match(problems[0]!, /^probe\.yaml:5: steps\[0\]\.input\.url: "\$\{params\.u rl\}": a parameter reference is/);
    assert.match(problems[1]!, /^probe\.yaml:6: steps\[1\]\.input\.url: \$\{item\} is only defined in a step with forEach/);
    const forEach = problemsOf(lines(...HEAD, 'steps:', '  - { id: a, forEach: hosts, tool: shell, input: { command: "true" }, verify: [{ kind: exit_code }] }'));
    assert.deepEqual(forEach, ['probe.yaml:5: steps[0].forEach: no parameter "hosts" (the skill declares none)']);
  });

  test('a step that needs an unknown step, found by the plan check after expansion', () => {
    const problems = problemsOf(lines(...HEAD,
      'steps:',
      '  - { id: a, tool: shell, input: { command: "true" }, verify: [{ kind: exit_code }] }',
      '  - id: b',
      '    needs: [c]',
      '    tool: shell',
      '    input: { command: "true" }',
      '    verify: [{ kind: exit_code }]'));
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0]!, /^probe\.yaml:7: steps\[1\]\.needs(\[0\])?: .*"c"/);
  });

  test('the file is named after the skill', () => {
    assert.deepEqual(problemsOf(lines(...HEAD, 'steps:', '  - { id: a, tool: shell, input: { command: "true" }, verify: [{ kind: exit_code }] }'), 'other.yaml'),
      ['other.yaml:1: skill: the skill "probe" must be in a file named probe.yaml (this one is other.yaml)']);
  });

  test('a text parameter without a default stays a reference at load, so an http URL is checked at invocation', () => {
    loaded(lines(...HEAD, 'params:', '  url: { type: string }', 'steps:',
      '  - { id: a, tool: http, input: { url: "${params.url}" }, verify: [{ kind: http, url: "${params.url}" }] }'));
  });
});
