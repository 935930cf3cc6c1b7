import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CoreError } from '../errors.ts';
import { RetentionSettingsSchema } from '../../../shared/domain/retention.ts';

/**
 * Settings a person writes by hand in `<dataDir>/settings.json`, read each time they are needed (so an edit
 * applies without a restart). Secrets never go here: keys live in the secret store.
 */
export const SettingsSchema = z.strictObject({
  /** An OpenAI-compatible chat endpoint for natural-language plans. */
  llm: z.strictObject({
    url: z.string().regex(/^https?:\/\//, 'an http:// or https:// URL (…/v1)'),
    model: z.string().min(1),
    timeoutMs: z.number().int().positive().max(3_600_000).optional(),
  }).optional(),
  /** The command that carries out one Spec Kit task (it reads $OPSROOM_TASK, $OPSROOM_FEATURE_DIR…). */
  agentCommand: z.string().min(1).optional(),
  /** Environment variables the agent command may see beyond the shell tool's base set (its API key, say). */
  agentEnvAllow: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/)).max(100).optional(),
  /** How long finished runs and their proofs are kept (issue 8: retention; electron/core/retention). */
  retention: RetentionSettingsSchema.optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const settingsPath = (dataDir: string): string => join(dataDir, 'settings.json');

export async function readSettings(dataDir: string): Promise<Settings> {
  const path = settingsPath(dataDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new CoreError('NOT_CONFIGURED', `cannot read ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CoreError('NOT_CONFIGURED', `${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = SettingsSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new CoreError('NOT_CONFIGURED', `${path}: ${problems.join('; ')}`);
  }
  return parsed.data;
}
