import { randomUUID } from 'node:crypto';
import type { SecretSource } from '../mcp/server-env.ts';
import type { WebhookPayload } from './notification-content.ts';
import { DEFAULT_WEBHOOK_TIMING, postWebhook, webhookOrigin, type DeliveryOutcome, type WebhookTiming } from './webhook.ts';

export interface WebhookSend {
  url: string;
  /** A secret's name in the secret store; its value signs the body. */
  secret?: string;
}

export interface SentWebhook extends DeliveryOutcome {
  /** Scheme, host and port only (what the run's log may show). */
  origin: string;
  signed: boolean;
}

/**
 * One webhook delivery of a payload: the secret's value looked up by name (a named secret that is missing
 * means nothing is sent: an unsigned delivery to a receiver that checks signatures would only be refused, and
 * one that does not check should not be trained to accept them), then POSTed with retries.
 */
export async function sendWebhook(target: WebhookSend, payload: WebhookPayload, secrets: SecretSource,
  timing: WebhookTiming = DEFAULT_WEBHOOK_TIMING, stop?: AbortSignal): Promise<SentWebhook> {
  const origin = webhookOrigin(target.url);
  const notSent = (reason: string): SentWebhook => ({ origin, signed: false, delivered: false, status: null, tries: 0, reason });
  let key: string | undefined;
  if (target.secret !== undefined) {
    let value: string | null;
    try {
      value = await secrets.get(target.secret);
    } catch (error) {
      // Not the error's text: a JSON parse error quotes the file, which holds secret values.
      const code = (error as NodeJS.ErrnoException).code;
      return notSent(`could not read secret "${target.secret}" from the secret store${code ? ` (${code})` : ' (its file is not readable as JSON)'}: nothing was sent`);
    }
    if (value === null) {
      return notSent(`secret "${target.secret}" is not in the secret store: nothing was sent (store it with: opsroom secrets set ${target.secret})`);
    }
    key = value;
  }
  const body = JSON.stringify(payload);
  const outcome = await postWebhook({ url: target.url, body, event: payload.event, deliveryId: randomUUID(), key }, timing, stop);
  return { ...outcome, origin, signed: key !== undefined };
}

/** The run-log line for a webhook outcome: where (origin only), what, and why not. */
export function webhookMessage(sent: SentWebhook, what: string): string {
  const tries = `${sent.tries} ${sent.tries === 1 ? 'try' : 'tries'}`;
  if (sent.delivered) return `notification: webhook ${sent.origin} told of ${what} (HTTP ${sent.status}, ${tries}${sent.signed ? ', signed' : ''})`;
  if (sent.tries === 0) return `notification: webhook ${sent.origin} not told of ${what}: ${sent.reason}`;
  return `notification: webhook ${sent.origin} could not be told of ${what} after ${tries}: ${sent.reason}`;
}
