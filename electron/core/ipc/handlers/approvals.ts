import type { approvalMethods } from '../../../../shared/ipc/methods/approvals.ts';
import type { Core } from '../../core.ts';
import type { Handlers } from './types.ts';

export const approvalHandlers = (core: Core): Handlers<keyof typeof approvalMethods> => ({
  'approvals.list': (filter) => core.approvals.list(filter),
  'approvals.get': ({ runId, stepId }) => core.approvals.get(runId, stepId),
  'approvals.decide': (input) => core.approvals.decide(input),
});
