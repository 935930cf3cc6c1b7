import type { Plan } from '../../shared/ir/plan.ts';
import { planHash } from '../../electron/core/plans/plan-hash.ts';
import type { EnqueueRequest } from '../../electron/core/queue/store.ts';

export const plan = (command = 'true', steps = 1): Plan => ({
  irVersion: 1,
  name: command,
  steps: Array.from({ length: steps }, (_, i) => ({
    id: `s${i}`, tool: 'shell', input: { command }, verify: [{ kind: 'exit_code' as const }],
  })),
});

/** An enqueue request for the Store, with the plan hashed as the core would. */
export function request(overrides: Partial<EnqueueRequest> & { command?: string } = {}): EnqueueRequest {
  const p = overrides.plan ?? plan(overrides.command);
  return { plan: p, planHash: planHash(p), title: p.name, lane: 'A', autoLanes: ['A', 'B', 'C', 'D'], ...overrides };
}
