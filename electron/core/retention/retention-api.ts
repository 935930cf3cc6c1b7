import type { PurgeReport, RetentionPolicy } from '../../../shared/domain/retention.ts';
import { CoreError } from '../errors.ts';
import type { Store } from '../queue/store.ts';
import { readRetention, saveRetention, type PolicyChange } from './policy.ts';
import { purge, type PurgeOptions } from './purge.ts';

export interface RetentionApi {
  /** The global policy (settings.json), the sessions with their own period, and the newest purge. */
  policy(): Promise<RetentionPolicy>;
  setPolicy(change: PolicyChange): Promise<RetentionPolicy>;
  /** A session's own period in days (it replaces the global runs period for its runs); null: the global one. */
  setSessionRetention(sessionId: number, days: number | null): Promise<RetentionPolicy>;
  /** Purges what is due now (one purge at a time: a second call waits for the first). dryRun counts only. */
  purge(options?: Omit<PurgeOptions, 'batchMs'>): Promise<PurgeReport>;
}

export function retentionApi(store: Store, dataDir: string, secrets: { delete(name: string): Promise<boolean> }): RetentionApi {
  let purging: Promise<unknown> = Promise.resolve();
  const policy = async (): Promise<RetentionPolicy> => {
    const [settings, sessions, lastPurge] = await Promise.all([readRetention(dataDir), store.listSessionRetention(), store.lastPurge()]);
    return { runsDays: settings.runsDays ?? null, proofsDays: settings.proofsDays ?? null, sessions, lastPurge };
  };
  return {
    policy,
    async setPolicy(change) {
      await saveRetention(dataDir, change);
      return policy();
    },
    async setSessionRetention(sessionId, days) {
      if (days !== null && (!Number.isInteger(days) || days < 1 || days > 36_500)) {
        throw new CoreError('INVALID_INPUT', `a session keeps its runs 1 to 36500 days (got ${days})`);
      }
      await store.setSessionRetention(sessionId, days);
      return policy();
    },
    purge(options = {}) {
      const run = purging.then(async () => {
        const [settings, sessions] = await Promise.all([readRetention(dataDir), store.listSessionRetention()]);
        const rules = { runsDays: settings.runsDays ?? null, proofsDays: settings.proofsDays ?? null };
        const report = await purge(store, secrets, rules, sessions.length, options);
        if (!report.dryRun && (rules.runsDays !== null || sessions.length > 0)) await store.recordPurge(report);
        return report;
      });
      purging = run.catch(() => undefined);
      return run;
    },
  };
}
