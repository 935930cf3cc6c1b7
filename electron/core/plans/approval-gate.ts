import type { Plan, Step } from '../../../shared/ir/plan.ts';
import { CoreError } from '../errors.ts';

const GATE_ID = /^approve(-\d+)?$/;
const MAX_STEPS = 1000;

/**
 * A plan's `approval` ("run this in production?") as a step: an `approval` step with id `approve` (or
 * `approve-1`, … if that id is taken) that every root step needs, so nothing runs before a person approves.
 * Idempotent: a plan that already has its gate (the one root, an approval step with such an id) comes back
 * unchanged, so a plan queued again (a retry, a rerun of a stored plan) never gets a second gate.
 */
export function withApprovalGate(plan: Plan): Plan {
  if (!plan.approval || hasGate(plan)) return plan;
  if (plan.steps.length >= MAX_STEPS) {
    throw new CoreError('INVALID_PLAN', `the plan's approval adds a step, and the plan already has the most steps a plan may have (${MAX_STEPS})`);
  }
  const taken = new Set(plan.steps.map((step) => step.id));
  let id = 'approve';
  for (let n = 1; taken.has(id); n++) id = `approve-${n}`;
  const { prompt, timeoutMs, onTimeout } = plan.approval;
  const gate: Step = {
    id,
    name: 'Approval before the first step',
    tool: 'approval',
    // Nothing has run yet: the document shows the run (plan, its hash, the parameters) and the prompt.
    input: { prompt, show: [], ...(timeoutMs === undefined ? {} : { timeoutMs }), ...(onTimeout === undefined ? {} : { onTimeout }) },
    verify: [{ kind: 'approval' }],
  };
  const steps = plan.steps.map((step) => (step.needs?.length ? step : { ...step, needs: [id] }));
  return { ...plan, steps: [gate, ...steps] };
}

function hasGate(plan: Plan): boolean {
  const roots = plan.steps.filter((step) => !step.needs?.length);
  return roots.length === 1 && roots[0]!.tool === 'approval' && GATE_ID.test(roots[0]!.id);
}
