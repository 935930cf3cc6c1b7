import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { settledLabel } from '../../shared/domain/rerun.ts';
import type { Run, RunStep } from '../../shared/domain/run.ts';
import { editedParams, editForm, fromStepTarget, rerunChoices } from '../../renderer/src/features/run/reruns/rerun-choices.ts';

const run = (overrides: Partial<Run> = {}): Run => ({
  id: 20, sessionId: null, planId: 1, title: 't', lane: 'A', status: 'failed', priority: 0, attempt: 1, claimCount: 1,
  maxAttempts: 1, runAfter: new Date(0), claimedBy: null, heartbeatAt: null, cancelRequestedAt: null, startedAt: null,
  finishedAt: null, createdAt: new Date(0), error: null, input: {}, result: null, idempotencyKey: null, parentRunId: null,
  rerunKind: null, ...overrides,
});
const step = (stepId: string, status: RunStep['status'], overrides: Partial<RunStep> = {}): RunStep => ({
  runId: 20, idx: 0, stepId, tool: 'shell', status, attempt: 1, exitCode: null, startedAt: null, finishedAt: null, error: null,
  settledBy: 'run', reusedFrom: null, ...overrides,
});

describe('rerun choices', () => {
  test('nothing while the run is active; resume only after a failure; re-prove only with something proven', () => {
    assert.deepEqual(rerunChoices(run({ status: 'running' }), [step('a', 'succeeded')]), { resume: false, reprove: false });
    assert.deepEqual(rerunChoices(run({ status: 'failed' }), [step('a', 'succeeded'), step('b', 'failed')]), { resume: true, reprove: true });
    assert.deepEqual(rerunChoices(run({ status: 'succeeded' }), [step('a', 'succeeded')]), { resume: false, reprove: true });
    assert.equal(rerunChoices(run({ status: 'cancelled' }), [step('a', 'cancelled')]).reprove, false);
    assert.equal(rerunChoices(run({ status: 'failed', rerunKind: 'reprove' }), [step('a', 'failed')]).resume, false, 'a drifted re-prove is rerun from its step');
  });

  test('"Rerun from" on a reused step whose re-check failed reruns its source run; otherwise this run', () => {
    assert.equal(fromStepTarget(run(), step('a', 'failed', { settledBy: 'reuse', reusedFrom: 12 })), 12);
    assert.equal(fromStepTarget(run(), step('a', 'succeeded', { settledBy: 'reuse', reusedFrom: 12 })), 20);
    assert.equal(fromStepTarget(run(), step('a', 'failed')), 20);
    assert.equal(fromStepTarget(run(), null), 20);
  });

  test('settled steps are labelled as a person reads them', () => {
    assert.deepEqual((['run', 'precheck', 'condition', 'disabled'] as const).map((settledBy) => settledLabel({ settledBy, reusedFrom: null })),
      [null, 'already satisfied', 'condition false', 'disabled']);
    assert.equal(settledLabel({ settledBy: 'reuse', reusedFrom: 12 }), 'reused from #12');
  });
});

describe('edit parameters and rerun: the form', () => {
  const params = {
    who: { type: 'string' as const },
    times: { type: 'integer' as const, default: 2 },
    note: { type: 'string' as const, required: false },
    token: { type: 'secret' as const },
  };
  const parent = run({ input: { who: 'ops', times: 5, note: 'hi', token: { $secret: 'run-param-abc' } } });

  test('prefilled with the run\'s values; a stored secret is never read back and may stay empty', () => {
    const form = editForm(params, parent);
    assert.deepEqual(form.draft, { who: 'ops', times: '5', note: 'hi', token: '' });
    assert.equal(form.params.token!.required, false);
    assert.match(form.params.token!.description!, /value run #20 used is kept/);
  });

  test('changed values are sent; an emptied field falls back to the default or ""; an empty secret is kept by the core', () => {
    const form = editForm(params, parent);
    assert.deepEqual(editedParams(form, { ...form.draft, who: 'night', times: '', note: '' }),
      { ok: true, values: { who: 'night', times: 2, note: '' } });
    assert.deepEqual(editedParams(form, { ...form.draft, token: 'new' }), { ok: true, values: { who: 'ops', times: 5, note: 'hi', token: 'new' } });
    assert.deepEqual(editedParams(form, { ...form.draft, who: '', times: 'x' }),
      { ok: false, errors: { who: 'who is required', times: 'times must be a whole number' } });
  });
});
