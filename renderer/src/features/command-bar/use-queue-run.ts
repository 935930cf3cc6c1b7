import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Run } from '../../../../shared/domain/run.ts';
import type { ParamValue } from '../../../../shared/ir/params.ts';
import { keys } from '../../data/keys.ts';
import { client } from '../../ipc/index.ts';

export type QueueRequest =
  /** Typed text (or a recent command), compiled by the core's grammar and remembered as a recent command. */
  | { kind: 'text'; text: string; params: Record<string, ParamValue> }
  /** A natural-language draft a person has read and approved. */
  | { kind: 'draft'; plan: unknown; params: Record<string, ParamValue> }
  | { kind: 'plan'; planId: number; params: Record<string, ParamValue> };

export interface RunTarget {
  sessionId: number | null;
  /** A lane name or 'auto' (the unpaused lane with the least work). */
  lane: string;
}

function call(request: QueueRequest, target: RunTarget): Promise<Run> {
  switch (request.kind) {
    case 'text': return client.call('runs.runText', { text: request.text, params: request.params, ...target });
    case 'draft': return client.call('runs.runDraft', { plan: request.plan, params: request.params, ...target });
    case 'plan': return client.call('runs.runPlan', { planId: request.planId, params: request.params, ...target });
  }
}

/** Queues typed text, an approved draft or a stored plan, then refetches what a new run changes (board, counts,
 * recents, and the plan list a compiled plan joins). */
export function useQueueRun() {
  const queryClient = useQueryClient();
  return useCallback(async (request: QueueRequest, target: RunTarget): Promise<Run> => {
    const run = await call(request, target);
    for (const queryKey of [keys.runsAll, keys.sessionsAll, keys.lanes, keys.commands, keys.plans]) {
      void queryClient.invalidateQueries({ queryKey });
    }
    return run;
  }, [queryClient]);
}
