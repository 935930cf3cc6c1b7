import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CoreError } from '../../../electron/core/index.ts';
import { notifyFor, notifyFromFlags, parseNotify } from '../../../electron/core/notify/notify-config.ts';

test('without a setting: the desktop hears of failures and approvals, no webhook', () => {
  assert.deepEqual(notifyFor({}), { desktop: ['failure', 'approval'], webhooks: [] });
  assert.deepEqual(notifyFor(null, null), { desktop: ['failure', 'approval'], webhooks: [] });
});

test('a plan\'s on applies to its desktop and its webhook; desktop: false turns the desktop off', () => {
  assert.deepEqual(notifyFor({ notify: { on: ['success'], webhook: { url: 'https://a.example/h', secret: 'k' } } }),
    { desktop: ['success'], webhooks: [{ url: 'https://a.example/h', secret: 'k', on: ['success'] }] });
  assert.deepEqual(notifyFor({ notify: { desktop: false, webhook: { url: 'https://a.example/h' } } }),
    { desktop: [], webhooks: [{ url: 'https://a.example/h', on: ['failure', 'approval'] }] });
});

test('a schedule adds: its own events for its own webhook, the same receiver told once', () => {
  const plan = { notify: { on: ['failure' as const], webhook: { url: 'https://a.example/h' } } };
  assert.deepEqual(notifyFor(plan, { on: ['success'], webhook: { url: 'https://b.example/h', secret: 's' } }), {
    desktop: ['failure', 'success'],
    webhooks: [{ url: 'https://a.example/h', on: ['failure'] }, { url: 'https://b.example/h', secret: 's', on: ['success'] }],
  }, 'the plan\'s webhook does not hear the schedule\'s successes');
  assert.deepEqual(notifyFor(plan, { on: ['success'], webhook: { url: 'https://a.example/h' } }).webhooks,
    [{ url: 'https://a.example/h', on: ['failure', 'success'] }]);
  assert.deepEqual(notifyFor({ notify: { desktop: false } }, { webhook: { url: 'https://b.example/h' } }).desktop, [],
    'a schedule silent about the desktop follows the plan that turned it off');
  assert.deepEqual(notifyFor({ notify: { desktop: false } }, { desktop: true, on: ['success'] }).desktop, ['success'],
    'and one that asks for it gets it');
});

test('a bad setting is a clear INVALID_INPUT naming where it came from', () => {
  assert.throws(() => notifyFor({}, { on: ['sometimes'] }), (error: CoreError) =>
    error.code === 'INVALID_INPUT' && /^the schedule: notify is not valid: on\.0: /.test(error.message));
  assert.throws(() => parseNotify({ webhook: { url: 'ftp://x' } }, 'schedule nightly'),
    /schedule nightly: notify is not valid: webhook\.url: an http:\/\/ or https:\/\/ URL/);
  assert.throws(() => parseNotify({ webhook: { url: 'https://x', secret: 'has space' } }, 'x'), /webhook\.secret: a secret name/);
});

test('the --notify-* flags of a command line', () => {
  assert.equal(notifyFromFlags({}), undefined);
  assert.deepEqual(notifyFromFlags({ webhook: 'https://h.example/x', secret: 'k', on: 'failure, success' }),
    { on: ['failure', 'success'], webhook: { url: 'https://h.example/x', secret: 'k' } });
  assert.deepEqual(notifyFromFlags({ on: 'approval' }), { on: ['approval'] });
  assert.throws(() => notifyFromFlags({ on: 'failure,finish' }), /--notify-on takes success, failure, approval \(comma-separated\); not: finish/);
  assert.throws(() => notifyFromFlags({ secret: 'k' }), /give --webhook URL too/);
});
