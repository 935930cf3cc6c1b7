import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Plan } from '../../../shared/ir/plan.ts';
import { withApprovalGate } from '../../../electron/core/plans/approval-gate.ts';
import { validatePlan } from '../../../electron/core/plans/validate-plan.ts';

const step = (id: string, needs?: string[]) => ({ id, tool: 'shell', input: { command: 'true' }, verify: [{ kind: 'exit_code' as const }], ...(needs ? { needs } : {}) });

test('a plan-level approval becomes a first step every root step needs, once', () => {
  const plan: Plan = validatePlan({ irVersion: 1, name: 'p', approval: { prompt: 'Run this in production?', timeoutMs: 60_000, onTimeout: 'continue' },
    steps: [step('a'), step('b', ['a']), step('c')] });
  const gated = withApprovalGate(plan);
  assert.deepEqual(gated.steps.map((s) => [s.id, s.needs ?? []]), [['approve', []], ['a', ['approve']], ['b', ['a']], ['c', ['approve']]]);
  assert.deepEqual(gated.steps[0], {
    id: 'approve', name: 'Approval before the first step', tool: 'approval',
    input: { prompt: 'Run this in production?', show: [], timeoutMs: 60_000, onTimeout: 'continue' }, verify: [{ kind: 'approval' }],
  });
  assert.deepEqual(validatePlan(gated), gated, 'the gated plan is a valid plan');
  assert.equal(withApprovalGate(gated), gated, 'a plan that has its gate is unchanged (a retry adds none)');
  assert.equal(withApprovalGate(validatePlan({ irVersion: 1, name: 'p', steps: [step('a')] })).steps.length, 1, 'no approval, no gate');
});

test('the gate takes the next free id when "approve" is a step of the plan already', () => {
  const plan = validatePlan({ irVersion: 1, name: 'p', approval: { prompt: 'Go?' }, steps: [step('approve'), step('approve-1', ['approve'])] });
  const gated = withApprovalGate(plan);
  assert.deepEqual(gated.steps.map((s) => [s.id, s.needs ?? []]), [['approve-2', []], ['approve', ['approve-2']], ['approve-1', ['approve']]]);
  assert.equal(withApprovalGate(gated), gated);
});
