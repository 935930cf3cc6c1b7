import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { RetentionDaysSchema, type RetentionSettings } from '../../../shared/domain/retention.ts';
import { CoreError } from '../errors.ts';
import { readSettings, settingsPath, SettingsSchema } from '../settings/app-settings.ts';

export interface PolicyChange {
  /** A number of days; null removes the setting (keep forever); undefined leaves it as it is. */
  runsDays?: number | null;
  proofsDays?: number | null;
}

export const readRetention = async (dataDir: string): Promise<RetentionSettings> => (await readSettings(dataDir)).retention ?? {};

const days = (value: number, what: string) => {
  const parsed = RetentionDaysSchema.safeParse(value);
  if (!parsed.success) throw new CoreError('INVALID_INPUT', `${what}: ${parsed.error.issues[0]!.message} (got ${value})`);
  return parsed.data;
};

/**
 * Changes `retention` in `<dataDir>/settings.json` and nothing else of the file (a person edits it by hand too).
 * A file that does not parse is refused, never overwritten. Proofs are part of their run, so they cannot be kept
 * for less time than the runs: such a policy is refused with the numbers.
 */
export async function saveRetention(dataDir: string, change: PolicyChange): Promise<RetentionSettings> {
  await readSettings(dataDir); // refuses a broken file with its own message, before anything is written
  const path = settingsPath(dataDir);
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '{}';
    throw error;
  });
  const settings = JSON.parse(text) as Record<string, unknown>;
  const next: RetentionSettings = { ...(settings.retention as RetentionSettings | undefined) };
  for (const key of ['runsDays', 'proofsDays'] as const) {
    const value = change[key];
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = days(value, key === 'runsDays' ? 'runs days' : 'proofs days');
  }
  if (next.runsDays !== undefined && next.proofsDays !== undefined && next.proofsDays < next.runsDays) {
    throw new CoreError('INVALID_INPUT', `proofs are kept at least as long as their runs: proofs ${next.proofsDays} days ` +
      `is less than runs ${next.runsDays} days (set proofs to ${next.runsDays} or more, or remove it)`);
  }
  if (Object.keys(next).length === 0) delete settings.retention;
  else settings.retention = next;
  SettingsSchema.parse(settings);
  // A temporary file renamed over the old one: a reader sees the old or the new file, never a part.
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, `${JSON.stringify(settings, null, 2)}\n`);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  return next;
}
