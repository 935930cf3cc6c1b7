import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PlanOutline } from '../../shared/ipc/methods/runs.ts';
import { draftToParams, initialDraft, matchesQuery, needsParamForm, suggest } from '../../renderer/src/features/command-bar/suggestions.ts';

const plan = (id: number, name: string, params: PlanOutline['params'] = {}): PlanOutline =>
  ({ id, name, description: null, contentHash: 'h', params, steps: [], createdAt: new Date(0) });
const recent = (command: string) => ({ command, uses: 1, lastRunAt: new Date(0) });

test('every typed word must match, in any order and case', () => {
  assert.ok(matchesQuery('systemctl restart nginx', 'NGINX rest'));
  assert.ok(!matchesQuery('systemctl restart nginx', 'nginx stop'));
  assert.ok(matchesQuery('anything', '  '));
});

test('recent commands come first, then plans, filtered; the exact typed command is not repeated', () => {
  const list = suggest('df', [recent('df -h'), recent('uptime'), recent('df')], [plan(1, 'disk df report'), plan(2, 'deploy')]);
  assert.deepEqual(list.map((s) => s.key), ['recent:df -h', 'plan:1']);
});

test('the parameter form: defaults prefilled, required ones checked, numbers parsed', () => {
  const p = plan(1, 'deploy', {
    host: { type: 'string' }, port: { type: 'number', default: 80 }, dry: { type: 'boolean', default: true },
  });
  assert.ok(needsParamForm(p));
  assert.ok(!needsParamForm(plan(2, 'x', { port: { type: 'number', default: 1 } })));
  const draft = initialDraft(p);
  assert.deepEqual(draft, { host: '', port: '80', dry: true });
  assert.deepEqual(draftToParams(p.params, draft), { ok: false, errors: { host: 'host is required' } });
  assert.deepEqual(draftToParams(p.params, { ...draft, host: 'web1', port: 'x' }), { ok: false, errors: { port: 'port must be a number' } });
  assert.deepEqual(draftToParams(p.params, { host: ' web1', port: '', dry: false }), { ok: true, values: { host: ' web1', dry: false } });
});
