import type { Store } from '../queue/store.ts';

/** Runs read per statement when looking for runs that still name a secret. */
const SPAN = 50_000;

/**
 * Deletes the secret-store entries (a run's secret parameters: `<data dir>/run-secrets/<name>`) that deleted runs
 * named and no remaining run names. A rerun keeps its parent's markers (runs-api retry), so an entry may outlive
 * the run that made it. The check runs after the deletions, over every run up to the newest: a rerun of a deleted
 * run cannot be queued any more (its parent is gone), so none can appear that names one of these later.
 * Returns how many files were deleted. Entries live in this process's data folder: with a shared PostgreSQL,
 * each machine's purge deletes the entries it holds.
 */
export async function deleteUnreferencedSecrets(store: Store, secrets: { delete(name: string): Promise<boolean> },
  names: string[]): Promise<number> {
  if (names.length === 0) return 0;
  const unreferenced = new Set(names);
  const lastId = await store.lastRunId();
  for (let afterId = 0; afterId < lastId && unreferenced.size > 0; afterId += SPAN) {
    for (const name of await store.referencedSecrets([...unreferenced], afterId, afterId + SPAN)) unreferenced.delete(name);
  }
  let deleted = 0;
  for (const name of unreferenced) if (await secrets.delete(name)) deleted++;
  return deleted;
}
