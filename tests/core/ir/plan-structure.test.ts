import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PlanSchema } from '../../../shared/ir/plan.ts';

type Extra = Record<string, unknown>;
const step = (id: string, extra: Extra = {}) =>
  ({ id, tool: 'shell', input: { command: `echo ${id}` }, verify: [{ kind: 'exit_code' }], ...extra });
const plan = (steps: unknown[], extra: Extra = {}) => ({ irVersion: 1, name: 'p', steps, ...extra });

/** The issues PlanSchema reports for this candidate, as [path, message] pairs (fails if it is accepted). */
function issues(candidate: unknown): [PropertyKey[], string][] {
  const parsed = PlanSchema.safeParse(candidate);
  assert.ok(!parsed.success, 'the plan was accepted');
  return parsed.error.issues.map((issue) => [issue.path, issue.message]);
}

/** Asserts exactly one issue, at `path`, whose message matches `message`. */
function onlyIssue(candidate: unknown, path: PropertyKey[], message: RegExp): void {
  const found = issues(candidate);
  assert.equal(found.length, 1, `expected one issue, got ${JSON.stringify(found)}`);
  assert.deepEqual(found[0]?.[0], path);
  assert.match(found[0]?.[1] ?? '', message);
}

describe('plan structure', () => {
  test('a DAG with params, references and a sandbox is accepted', () => {
    const candidate = plan([
      step('fetch', { tool: 'everything/echo', input: { message: 'id ${params.id} costs $${HOME}' } }),
      step('parse', { needs: ['fetch'], input: { command: 'echo ${steps.fetch.result.content.0.text}' } }),
      step('report', {
        needs: ['parse'],
        input: { command: 'echo ${steps.fetch.exitCode} ${params.loud}' },
        verify: [{ kind: 'output', regex: '${steps.parse.stdout}' }, { kind: 'file', path: '/tmp/${params.id}' }],
      }),
    ], {
      params: { id: { type: 'string' }, loud: { type: 'boolean', default: false } },
      sandbox: { tools: ['shell', 'everything/*', 'everything/echo'] },
    });
    const parsed = PlanSchema.safeParse(candidate);
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
  });

  test('a duplicate step id names the later step and the first', () => {
    onlyIssue(plan([step('a'), step('b'), step('a')]), ['steps', 2, 'id'], /^duplicate step id "a" \(first used by steps\[0\]\)$/);
  });

  test('needs naming an unknown step', () => {
    onlyIssue(plan([step('a'), step('b', { needs: ['a', 'ghost'] })]), ['steps', 1, 'needs', 1], /step "b" needs unknown step "ghost"/);
  });

  test('a step needing itself', () => {
    onlyIssue(plan([step('a', { needs: ['a'] })]), ['steps', 0, 'needs', 0], /step "a" needs itself/);
  });

  test('a repeated need', () => {
    onlyIssue(plan([step('a'), step('b', { needs: ['a', 'a'] })]), ['steps', 1, 'needs', 1], /step "b" lists "a" in needs more than once/);
  });

  test('a cycle is listed, at the need that closes it', () => {
    onlyIssue(plan([step('a', { needs: ['b'] }), step('b', { needs: ['c'] }), step('c', { needs: ['x0', 'a'] }), step('x0')]),
      ['steps', 2, 'needs', 1], /step "c" needs "a", which closes a cycle: a -> b -> c -> a/);
  });

  test('two separate cycles are both reported', () => {
    const found = issues(plan([step('a', { needs: ['b'] }), step('b', { needs: ['a'] }), step('c', { needs: ['d'] }), step('d', { needs: ['c'] })]));
    assert.deepEqual(found.map(([path]) => path), [['steps', 1, 'needs', 0], ['steps', 3, 'needs', 0]]);
    assert.match(found[0]?.[1] ?? '', /cycle: a -> b -> a/);
    assert.match(found[1]?.[1] ?? '', /cycle: c -> d -> c/);
  });

  test('a reference to an undeclared parameter names it and the declared ones', () => {
    onlyIssue(plan([step('a', { input: { command: 'echo ${params.hots}' } })], { params: { host: { type: 'string' } } }),
      ['steps', 0, 'input', 'command'], /step "a" references undeclared parameter "hots" in \$\{params\.hots\}.*\(declared: host\)/);
    onlyIssue(plan([step('a', { input: { command: 'echo ${params.x}' } })]),
      ['steps', 0, 'input', 'command'], /the plan declares none/);
  });

  test('a parameter named like an Object.prototype member is not declared by accident', () => {
    onlyIssue(plan([step('a', { input: { command: '${params.constructor}' } })]), ['steps', 0, 'input', 'command'], /undeclared parameter "constructor"/);
  });

  test('a reference to an unknown step', () => {
    onlyIssue(plan([step('a', { input: { command: 'cat', env: { X: '${steps.nope.stdout}' } } })]),
      ['steps', 0, 'input', 'env', 'X'], /step "a" references unknown step "nope" in \$\{steps\.nope\.stdout\}/);
  });

  test('a reference to a step that is not a transitive dependency suggests adding it to needs', () => {
    onlyIssue(plan([step('a'), step('b'), step('c', { needs: ['b'], input: { command: 'echo ${steps.a.stdout}' } })]),
      ['steps', 2, 'input', 'command'], /step "c" references \$\{steps\.a\.stdout\} but does not depend on "a".*add "a" to its needs/);
  });

  test('a reference to a transitive (not direct) dependency is fine', () => {
    const parsed = PlanSchema.safeParse(plan([step('a'), step('b', { needs: ['a'] }), step('c', { needs: ['b'], input: { command: '${steps.a.stdout}' } })]));
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
  });

  test('a reference to the step itself: refused in its input, allowed in its verifiers (they run after the call)', () => {
    onlyIssue(plan([step('a', { input: { command: 'echo ${steps.a.stdout}' } })]), ['steps', 0, 'input', 'command'], /step "a" references its own output/);
    const own = PlanSchema.safeParse(plan([step('a', { verify: [{ kind: 'output', regex: '${steps.a.stderr}', absent: true }] })]));
    assert.ok(own.success, JSON.stringify(own.error?.issues));
  });

  test('references in verifiers are checked too, at the verifier field', () => {
    onlyIssue(plan([step('a'), step('b', { verify: [{ kind: 'exit_code' }, { kind: 'http', url: 'http://h/${steps.a.stdout}' }] })]),
      ['steps', 1, 'verify', 1, 'url'], /step "b" references \$\{steps\.a\.stdout\} but does not depend on "a"/);
  });

  test('malformed references name the step and the field', () => {
    onlyIssue(plan([step('a', { input: { command: 'echo ${steps.x}' } })]), ['steps', 0, 'input', 'command'], /^step "a": "\$\{steps\.x\}": missing the field/);
    onlyIssue(plan([step('a', { input: { command: 'echo ${foo.bar}' } })]), ['steps', 0, 'input', 'command'], /^step "a": "\$\{foo\.bar\}": not a reference/);
    onlyIssue(plan([step('a', { input: { command: 'x', args: ['ok', 'echo ${params.p'] } })]), ['steps', 0, 'input', 'args', 1], /^step "a": unterminated/);
  });

  test('with a cycle, step references are checked for existence only', () => {
    const found = issues(plan([step('a', { needs: ['b'] }), step('b', { needs: ['a'], input: { command: '${steps.a.stdout} ${steps.z.stdout}' } })]));
    assert.equal(found.length, 2, JSON.stringify(found));
    assert.match(found[0]?.[1] ?? '', /cycle/);
    assert.deepEqual(found[1]?.[0], ['steps', 1, 'input', 'command']);
    assert.match(found[1]?.[1] ?? '', /unknown step "z"/);
  });

  test('sandbox tools must be tool refs or server/* patterns', () => {
    onlyIssue(plan([step('a')], { sandbox: { tools: ['shell', 'srv/*', 'read_file'] } }), ['sandbox', 'tools', 2],
      /sandbox tool "read_file" is not "shell", "http", "sql", "<server>\/<tool>" or "<server>\/\*"/);
    onlyIssue(plan([step('a')], { sandbox: { tools: ['bad server/x'] } }), ['sandbox', 'tools', 0], /"bad server\/x"/);
  });

  test('every problem is reported, not only the first', () => {
    const found = issues(plan([step('a', { needs: ['q'] }), step('a', { input: { command: '${params.p}' } })], { sandbox: { tools: ['?'] } }));
    assert.deepEqual(found.map(([path]) => path),
      [['steps', 1, 'id'], ['steps', 0, 'needs', 0], ['steps', 1, 'input', 'command'], ['sandbox', 'tools', 0]]);
  });
});
