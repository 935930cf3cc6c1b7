import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Run } from '../../../../shared/domain/run.ts';
import type { ParamValue } from '../../../../shared/ir/params.ts';
import { keys } from '../../data/keys.ts';
import { client } from '../../ipc/index.ts';

export type QueueRequest =
  | { kind: 'command'; command: string }
  | { kind: 'plan'; planId: number; params: Record<string, ParamValue> };

export interface RunTarget {
  sessionId: number | null;
  /** A lane name or 'auto' (the unpaused lane with the least work). */
  lane: string;
}

/** Queues a typed command or a stored plan, then refetches what a new run changes (board, counts, recents). */
export function useQueueRun() {
  const queryClient = useQueryClient();
  return useCallback(async (request: QueueRequest, target: RunTarget): Promise<Run> => {
    const run = request.kind === 'command'
      ? await client.call('runs.runCommand', { command: request.command, ...target })
      : await client.call('runs.runPlan', { planId: request.planId, params: request.params, ...target });
    for (const queryKey of [keys.runsAll, keys.sessionsAll, keys.lanes, keys.commands]) {
      void queryClient.invalidateQueries({ queryKey });
    }
    return run;
  }, [queryClient]);
}
