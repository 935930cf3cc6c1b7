import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompileOutcomeView } from '../../shared/ipc/methods/compile.ts';
import type { Plan } from '../../shared/ir/plan.ts';
import { afterCompile, draftWithValues } from '../../renderer/src/features/command-bar/compile-flow.ts';
import { paramLines, previewRows } from '../../renderer/src/features/command-bar/plan-preview-rows.ts';
import { stepAction } from '../../shared/ir/describe-step.ts';

const plan: Plan = {
  irVersion: 1,
  name: 'deploy',
  params: { host: { type: 'string' }, token: { type: 'secret' }, port: { type: 'integer', default: 80 } },
  steps: [
    { id: 'build', name: 'Build it', tool: 'shell', input: { command: '\n  make build\nmake test' }, verify: [{ kind: 'exit_code' }] },
    { id: 'check', tool: 'http', input: { url: 'https://example.test/health', method: 'HEAD' }, needs: ['build'], lane: 'B',
      verify: [{ kind: 'http', url: 'https://example.test/health', expectStatus: [200, 204] }, { kind: 'exit_code', expect: 0 }] },
    { id: 'count', tool: 'sql', input: { query: 'select count(*) from runs' }, needs: ['build', 'check'], verify: [{ kind: 'sql', query: 'select 1', expectValue: 1 }] },
    { id: 'mcp', tool: 'files/read', input: { path: '/etc/hosts' }, verify: [{ kind: 'exit_code' }] },
  ],
};

test('each step says what it does: the tool and its command, URL or query, first non-empty line, cut when long', () => {
  assert.deepEqual(plan.steps.map(stepAction), ['shell: make build', 'http: HEAD https://example.test/health', 'sql: select count(*) from runs', 'files/read']);
  assert.equal(stepAction({ tool: 'http', input: { url: 'http://x' } }), 'http: GET http://x');
  assert.equal(stepAction({ tool: 'shell', input: { command: 'echo $${HOME}' } }), 'shell: echo ${HOME}', 'an IR literal shows as the shell sees it');
  const long = stepAction({ tool: 'shell', input: { command: 'x'.repeat(200) } });
  assert.equal(long.length, 'shell: '.length + 80);
  assert.ok(long.endsWith('…'));
});

test('rows: id, name, needs, lane (none: the run\'s) and every verifier in words', () => {
  const rows = previewRows(plan);
  assert.deepEqual(rows.map((r) => [r.id, r.name, r.needs, r.lane]), [
    ['build', 'Build it', [], null], ['check', null, ['build'], 'B'], ['count', null, ['build', 'check'], null], ['mcp', null, [], null],
  ]);
  assert.deepEqual(rows[1]!.provenBy, ['GET https://example.test/health → 200 or 204', 'exit code 0']);
  assert.deepEqual(rows[2]!.provenBy, ['sql select 1 = 1']);
});

test('parameters: text quoted, numbers bare, a secret always ***', () => {
  assert.deepEqual(paramLines(plan.params!, { host: 'web 1', token: 'leaked-if-shown', port: 80 }), ['host = "web 1"', 'token = ***', 'port = 80']);
  assert.deepEqual(paramLines({}, {}), []);
});

const compiled = (draft: boolean): CompileOutcomeView =>
  ({ status: 'compiled', source: draft ? 'natural-language' : 'shell', label: 'x', plan, params: {}, warnings: [], draft });
const needs: CompileOutcomeView = { status: 'needs-params', source: 'skill', label: '/deploy', params: plan.params!, values: { host: 'web1' }, missing: ['token'] };

test('after compiling: missing parameters ask first, a draft is always shown, Enter runs the rest and Dry run shows it', () => {
  assert.equal(afterCompile(needs, 'run').kind, 'params');
  assert.equal(afterCompile(needs, 'preview').kind, 'params');
  assert.equal(afterCompile(compiled(false), 'run').kind, 'run');
  assert.equal(afterCompile(compiled(false), 'preview').kind, 'preview');
  assert.equal(afterCompile(compiled(true), 'run').kind, 'preview', 'a natural-language draft never runs unseen');
});

test('the form for typed text starts from the defaults and the values the text gave', () => {
  const params = { ...plan.params!, dry: { type: 'boolean' as const, default: false } };
  assert.deepEqual(draftWithValues(params, { host: 'web1', dry: true, port: 8080, stray: 'x' }), { host: 'web1', token: '', port: '8080', dry: true });
});
