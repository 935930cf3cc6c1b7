import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTrayMenu, type TrayState } from '../../../electron/main/tray/tray-menu.ts';

const state: TrayState = { counts: { running: 1, queued: 0, failedRecent: 0 }, lanes: [{ name: 'A', paused: false }], pinned: [], recentCommands: [] };

test('the tray lists the approvals waiting, right after the status; "Approve…" opens the run', () => {
  const menu = buildTrayMenu({ ...state, approvals: [
    { runId: 12, stepId: 'approve', prompt: 'Run this in production?' },
    { runId: 9, stepId: 'review', prompt: `Apply ${'a very long change description '.repeat(4)}` },
  ] });
  assert.deepEqual(menu.slice(0, 5).map((i) => i.label), ['1 running', '', 'Waiting for approval (2)', 'Approve… #12 Run this in production?',
    'Approve… #9 Apply a very long change description a very lon…']);
  assert.deepEqual(menu[3]!.action, { kind: 'open-target', target: { kind: 'run', runId: 12 } });
  assert.equal(menu[3]!.toolTip, 'run 12, step approve: Run this in production?');
  assert.ok(!buildTrayMenu(state).some((i) => i.label.startsWith('Waiting for approval')), 'nothing waiting, no section');
});
