import { CoreError } from '../../errors.ts';
import type { SecretSource } from '../../mcp/server-env.ts';
import { settingsPath, type Settings } from '../../settings/app-settings.ts';

/** An OpenAI-compatible chat endpoint: its base URL (…/v1), the model, and a key if it needs one. */
export interface LlmConfig {
  url: string;
  model: string;
  apiKey: string | null;
  timeoutMs: number;
}

/** The secret holding the endpoint's key, in the app's secret store. */
export const LLM_KEY_SECRET = 'llm.api-key';
/** A local model on a laptop CPU can take a minute for a plan; longer means it is stuck. */
const DEFAULT_TIMEOUT_MS = 180_000;

export const howToEnable = (dataDir: string): string =>
  'Natural-language plans need an OpenAI-compatible chat endpoint; a local one (Ollama, LM Studio) works offline. '
  + 'Set OPSROOM_LLM_URL (e.g. http://127.0.0.1:11434/v1 for Ollama) and OPSROOM_LLM_MODEL (e.g. llama3.1), '
  + `or add "llm": {"url": "…", "model": "…"} to ${settingsPath(dataDir)}; if the endpoint needs a key, store it as the `
  + `secret ${LLM_KEY_SECRET} (opsroom mcp secret set ${LLM_KEY_SECRET}) or set OPSROOM_LLM_API_KEY.`;

/** The configured endpoint: the environment first (the settings file is not read then, so a broken one does not
 * stand in the way), then the settings file; null when neither names one. */
export async function llmConfig(readSettings: () => Promise<Settings>, secrets: SecretSource, env: NodeJS.ProcessEnv = process.env): Promise<LlmConfig | null> {
  const settings = env.OPSROOM_LLM_URL ? {} : await readSettings();
  const url = env.OPSROOM_LLM_URL ?? settings.llm?.url;
  if (!url) return null;
  const model = env.OPSROOM_LLM_MODEL ?? settings.llm?.model;
  if (!model) throw new CoreError('NOT_CONFIGURED', `the chat endpoint ${url} is set but no model: set OPSROOM_LLM_MODEL`);
  if (!/^https?:\/\//.test(url)) throw new CoreError('NOT_CONFIGURED', `the chat endpoint "${url}" is not an http:// or https:// URL`);
  const apiKey = env.OPSROOM_LLM_API_KEY ?? (await secrets.get(LLM_KEY_SECRET));
  return { url: url.replace(/\/+$/, ''), model, apiKey, timeoutMs: settings.llm?.timeoutMs ?? DEFAULT_TIMEOUT_MS };
}
