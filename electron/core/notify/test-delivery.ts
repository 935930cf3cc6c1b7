import { CoreError } from '../errors.ts';
import { createSecretStore } from '../mcp/secret-store.ts';
import { sendWebhook, type SentWebhook } from './deliver.ts';
import { DEFAULT_WEBHOOK_TIMING, type WebhookTiming } from './webhook.ts';

export interface TestDeliveryOptions {
  url: string;
  /** A secret's name; its value (from the data folder's secret store) signs the body. */
  secret?: string;
  /** The app's data folder: where the secret store is. */
  dataDir: string;
  timing?: WebhookTiming;
}

/**
 * Sends one `{"event":"test",…}` delivery exactly as a run's would be sent (same headers, signature and retries),
 * without a database: the app may be running and holding it. For `opsroom notify test`.
 */
export async function sendTestNotification(options: TestDeliveryOptions): Promise<SentWebhook> {
  const url = options.url;
  if (!/^https?:\/\//.test(url)) throw new CoreError('INVALID_INPUT', `a webhook URL starts with http:// or https:// (got "${url}")`);
  return sendWebhook({ url, ...(options.secret ? { secret: options.secret } : {}) }, { event: 'test', run: null, at: new Date().toISOString() },
    createSecretStore(options.dataDir), options.timing ?? DEFAULT_WEBHOOK_TIMING);
}
