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
  assert.deepEqual(draftToParams(p.params, { ...draft, host: 'web1', port: 'x' }), { ok: false, errors: { port: 'port must be a finite number' } });
  assert.deepEqual(draftToParams(p.params, { host: ' web1', port: '', dry: false }), { ok: true, values: { host: ' web1', dry: false } });
});

const typed = plan(3, 'release', {
  count: { type: 'integer', min: 1, max: 5, default: 2 },
  env: { type: 'enum', values: ['staging', 'production'] },
  name: { type: 'string', pattern: '[a-z]+', max: 8 },
  token: { type: 'secret', min: 10, pattern: 'tok_[a-z0-9]+' },
  note: { type: 'string', required: false },
  tier: { type: 'enum', values: ['gold', 'silver'], required: false },
});
const filled = { count: '3', env: 'production', name: 'web', token: 'tok_abcdef12', note: '', tier: '' };

test('the parameter form: only parameters without a default that are not optional make it needed', () => {
  assert.ok(needsParamForm(typed));
  assert.ok(!needsParamForm(plan(4, 'x', { note: { type: 'string', required: false }, key: { type: 'secret', required: false } })));
  assert.ok(needsParamForm(plan(5, 'x', { key: { type: 'secret' } })));
  assert.deepEqual(initialDraft(typed), { count: '2', env: '', name: '', token: '', note: '', tier: '' });
});

test('the parameter form: integer, enum and secret values, optional fields left out when empty', () => {
  assert.deepEqual(draftToParams(typed.params, filled),
    { ok: true, values: { count: 3, env: 'production', name: 'web', token: 'tok_abcdef12' } });
  assert.deepEqual(draftToParams(typed.params, { ...filled, count: '', note: 'n', tier: 'gold' }),
    { ok: true, values: { env: 'production', name: 'web', token: 'tok_abcdef12', note: 'n', tier: 'gold' } });
});

test('the parameter form says what the core would: whole numbers, bounds, choices, patterns', () => {
  const errors = (draft: Record<string, string>) => {
    const result = draftToParams(typed.params, { ...filled, ...draft });
    assert.equal(result.ok, false);
    return result.ok ? {} : result.errors;
  };
  assert.deepEqual(errors({ count: '2.5' }), { count: 'count must be a whole number' });
  assert.deepEqual(errors({ count: 'two' }), { count: 'count must be a whole number' });
  assert.deepEqual(errors({ count: '9' }), { count: 'count must be at most 5' });
  assert.deepEqual(errors({ count: '0' }), { count: 'count must be at least 1' });
  assert.deepEqual(errors({ env: '' }), { env: 'env is required' });
  assert.deepEqual(errors({ env: 'prod' }), { env: 'env must be one of staging, production' });
  assert.deepEqual(errors({ tier: 'bronze' }), { tier: 'tier must be one of gold, silver' });
  assert.deepEqual(errors({ name: 'Web' }), { name: 'name must match the pattern [a-z]+' });
  assert.deepEqual(errors({ name: 'webserver' }), { name: 'name must be at most 8 characters' });
  assert.deepEqual(errors({ name: '', token: '' }), { name: 'name is required', token: 'token is required' });
});

test('the parameter form never repeats a secret\'s value in its error', () => {
  for (const token of ['tok_short', 'TOK_UPPERCASE1']) {
    const result = draftToParams(typed.params, { ...filled, token });
    assert.equal(result.ok, false);
    const message = result.ok ? '' : result.errors.token!;
    assert.match(message, /^token must (be at least 10 characters|match the pattern tok_\[a-z0-9\]\+)$/);
    assert.ok(!message.includes(token));
  }
});
