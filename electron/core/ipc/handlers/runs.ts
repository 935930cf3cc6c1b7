import type { runMethods } from '../../../../shared/ipc/methods/runs.ts';
import type { Core } from '../../core.ts';
import type { Handlers } from './types.ts';

export const runHandlers = (core: Core): Handlers<keyof typeof runMethods> => ({
  'runs.list': async (query) => {
    const runs = await core.runs.list(query);
    const progress = await core.runs.progress(runs.map((r) => r.id)); // one query for the whole page
    return runs.map((run) => ({ ...run, progress: progress.get(run.id)! }));
  },
  'runs.get': async ({ id }) => {
    const { run, steps } = await core.runs.get(id);
    return { run, steps, plan: await core.plans.outline(run.planId) };
  },
  'runs.events': ({ runId, afterSeq, limit }) => core.runs.events(runId, afterSeq, limit),
  'runs.runCommand': ({ command, sessionId, lane }) => core.runs.runCommand(command, { sessionId, lane }),
  'runs.runPlan': async ({ planId, params, sessionId, lane }) => {
    const plan = await core.plans.get(planId);
    return (await core.runs.enqueue({ plan, source: `plan ${planId}`, params, sessionId, lane })).run;
  },
  'runs.cancel': ({ id }) => core.runs.cancel(id),
  'runs.retry': ({ id }) => core.runs.retry(id),
  // Runs come back as runs.get returns them: a secret parameter is its marker (an entry name), never its value.
  'runs.rerun': ({ id, kind, fromStep, params }) => core.runs.rerun(id, { kind, fromStep, params }),
  'runs.reprove': ({ id }) => core.runs.reprove(id),
  'runs.reruns': ({ id }) => core.runs.reruns(id),
  'runs.watch': async ({ runIds }, ctx) => {
    const unique = [...new Set(runIds)];
    ctx.watch(unique);
    return { runIds: unique };
  },
});
