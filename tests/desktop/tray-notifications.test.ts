import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunEvent, RunStatus } from '../../shared/domain/run.ts';
import { actionFailed, createRunNotifier } from '../../electron/main/tray/run-notifications.ts';

let seq = 0;
const status = (runId: number, to: RunStatus, message: string = to, error: string | null = null): RunEvent => ({
  runId, attempt: 1, stepId: null, kind: 'status', level: 'info', message, payload: { status: to, error }, seq: ++seq, ts: new Date(),
});

test('only runs the tray started are notified, once, when they end', () => {
  const notifier = createRunNotifier();
  assert.deepEqual(notifier.track({ id: 12, title: 'echo tray' }), []);
  assert.deepEqual(notifier.onEvents([status(12, 'queued'), status(12, 'running'), status(13, 'succeeded')]), [],
    'not ended yet; run 13 was not started from the tray');
  assert.deepEqual(notifier.onEvents([status(12, 'succeeded')]),
    [{ title: 'Run #12 succeeded', body: 'echo tray', target: { kind: 'run', runId: 12 } }]);
  assert.deepEqual(notifier.onEvents([status(12, 'succeeded')]), [], 'forgotten once notified');
});

test('a failure is left to the core notifier (it tells of every failed run); a cancelled tray run is said', () => {
  const notifier = createRunNotifier();
  notifier.track({ id: 5, title: 'deploy' });
  const retry = { ...status(5, 'queued', 'attempt 1 failed: exit 1; retry 2 of 2 in 1 s'), level: 'error' as const };
  assert.deepEqual(notifier.onEvents([retry]), []);
  assert.deepEqual(notifier.onEvents([status(5, 'failed', 'failed: step sh failed', 'step sh failed: exit code 2')]), []);
  assert.deepEqual(notifier.onEvents([status(5, 'succeeded')]), [], 'forgotten at its end, even unannounced');

  notifier.track({ id: 6, title: 'stop me' });
  notifier.track({ id: 7, title: 'lost' });
  const ends = notifier.onEvents([
    { ...status(6, 'cancelled', 'cancelled before it started'), payload: { status: 'cancelled', cancelRequested: true } },
    { ...status(7, 'failed', 'failed: its worker stopped heartbeating'), payload: { status: 'failed', reclaimed: true } },
  ]);
  assert.deepEqual(ends.map((n) => [n.title, n.body]), [['Run #6 cancelled', 'stop me']]);
});

test('a run that ends before the tray heard back from its enqueue is notified when it is tracked', () => {
  const notifier = createRunNotifier();
  assert.deepEqual(notifier.onEvents([status(40, 'running'), status(40, 'succeeded')]), []);
  assert.deepEqual(notifier.track({ id: 40, title: 'echo quick' }),
    [{ title: 'Run #40 succeeded', body: 'echo quick', target: { kind: 'run', runId: 40 } }]);
  assert.deepEqual(notifier.onEvents([status(40, 'succeeded')]), [], 'and only then');
  // Output lines and steps are never ends, whatever their payload says.
  notifier.track({ id: 41, title: 'x' });
  assert.deepEqual(notifier.onEvents([{ ...status(41, 'succeeded'), kind: 'step' }, { ...status(41, 'failed'), kind: 'output' }]), []);
});

test('a refused tray action is said in a notification', () => {
  const error = new Error('every lane served here (A, B) is paused; resume one or name a lane');
  assert.deepEqual(actionFailed({ kind: 'run-command', command: 'uptime' }, error),
    { title: 'The run did not start', body: error.message });
  assert.equal(actionFailed({ kind: 'pause-all' }, new Error('database closed')).title, 'The lanes did not change');
});
