import type { retentionMethods } from '../../../../shared/ipc/methods/retention.ts';
import type { Core } from '../../core.ts';
import type { Handlers } from './types.ts';

export const retentionHandlers = (core: Core): Handlers<keyof typeof retentionMethods> => ({
  'retention.get': () => core.retention.policy(),
  'retention.set': (change) => core.retention.setPolicy(change),
  'retention.setSession': ({ sessionId, days }) => core.retention.setSessionRetention(sessionId, days),
  'retention.purge': ({ dryRun }) => core.retention.purge({ dryRun }),
  'runs.searchLogs': async (query) => {
    const page = await core.history.searchLogs(query);
    const progress = await core.runs.progress(page.hits.map((hit) => hit.run.id)); // one query for the page
    return { ...page, hits: page.hits.map((hit) => ({ ...hit, run: { ...hit.run, progress: progress.get(hit.run.id)! } })) };
  },
});
