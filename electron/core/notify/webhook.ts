import { createHmac } from 'node:crypto';
import { describeNetworkError } from '../net/network-error.ts';

export interface WebhookTiming {
  /** Per try, from the request to the response's status line. */
  timeoutMs: number;
  /** The waits between tries; tries in all = its length + 1. */
  retryDelaysMs: readonly number[];
}

/** 5 s per try, 3 tries: a slow or absent receiver is told about for at most ~20 s, and the run never waits. */
export const DEFAULT_WEBHOOK_TIMING: WebhookTiming = { timeoutMs: 5000, retryDelaysMs: [1000, 3000] };

export const SIGNATURE_HEADER = 'X-Opsroom-Signature';

export interface WebhookDelivery {
  url: string;
  /** The exact bytes sent and signed. */
  body: string;
  event: string;
  /** The same on every try, so a receiver that got a try whose answer was lost can tell the next is a repeat. */
  deliveryId: string;
  /** The signing key (a secret's value): used for the HMAC only, never logged or returned. */
  key?: string;
}

export interface DeliveryOutcome {
  delivered: boolean;
  /** The last HTTP status seen, if any try got one. */
  status: number | null;
  tries: number;
  /** Why it was not delivered (of the last try), for the run's log. */
  reason?: string;
}

/** `sha256=<hex HMAC-SHA256 of body>`: what a receiver recomputes with its copy of the secret. */
export function signBody(body: string, key: string): string {
  return `sha256=${createHmac('sha256', key).update(body, 'utf8').digest('hex')}`;
}

/** Only the scheme, host and port: a webhook URL's path often holds the receiver's token (Slack, Teams). */
export function webhookOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'an invalid URL';
  }
}

type Try = { ok: true; status: number } | { ok: false; status: number | null; reason: string; again: boolean };

async function tryOnce(delivery: WebhookDelivery, timeoutMs: number, stop: AbortSignal): Promise<Try> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'opsroom-notify/1',
    'x-opsroom-event': delivery.event,
    'x-opsroom-delivery': delivery.deliveryId,
  };
  if (delivery.key !== undefined) headers[SIGNATURE_HEADER.toLowerCase()] = signBody(delivery.body, delivery.key);
  const deadline = AbortSignal.timeout(timeoutMs);
  try {
    // No redirects: a signed body goes only where the setting says.
    const response = await fetch(delivery.url, {
      method: 'POST', headers, body: delivery.body, redirect: 'manual', signal: AbortSignal.any([deadline, stop]),
    });
    await response.body?.cancel().catch(() => undefined); // the answer's text is not needed, and may be large
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    const status = response.status;
    // 408, 429 and 5xx may pass; any other answer (401: wrong signature, 404: wrong URL) will not by repeating it.
    const again = status === 408 || status === 429 || status >= 500;
    const moved = status >= 300 && status < 400 ? ' (a redirect: not followed)' : '';
    return { ok: false, status, reason: `the receiver answered HTTP ${status}${moved}`, again };
  } catch (error) {
    if (stop.aborted) return { ok: false, status: null, reason: 'the app closed before it was delivered', again: false };
    if (deadline.aborted) return { ok: false, status: null, reason: `no answer within ${timeoutMs} ms`, again: true };
    let url: URL;
    try {
      url = new URL(delivery.url);
    } catch {
      return { ok: false, status: null, reason: 'the webhook URL is not valid', again: false };
    }
    return { ok: false, status: null, reason: describeNetworkError(error, url).message, again: true };
  }
}

const pause = (ms: number, stop: AbortSignal) => new Promise<void>((resolve) => {
  if (stop.aborted) return resolve();
  const done = () => {
    clearTimeout(timer);
    resolve();
  };
  const timer = setTimeout(done, ms);
  stop.addEventListener('abort', done, { once: true });
});

/**
 * POSTs the body, signed when a key is given, trying again after a network error, a timeout, 408, 429 or 5xx.
 * Never throws: the outcome says what happened. `stop` (the core closing) ends waiting and trying.
 */
export async function postWebhook(delivery: WebhookDelivery, timing: WebhookTiming = DEFAULT_WEBHOOK_TIMING,
  stop: AbortSignal = new AbortController().signal): Promise<DeliveryOutcome> {
  const tries = timing.retryDelaysMs.length + 1;
  for (let attempt = 1; ; attempt++) {
    const result = await tryOnce(delivery, timing.timeoutMs, stop);
    if (result.ok) return { delivered: true, status: result.status, tries: attempt };
    if (!result.again || attempt === tries || stop.aborted) {
      return { delivered: false, status: result.status, tries: attempt, reason: result.reason };
    }
    await pause(timing.retryDelaysMs[attempt - 1]!, stop);
    if (stop.aborted) return { delivered: false, status: result.status, tries: attempt, reason: `${result.reason}; the app closed before trying again` };
  }
}
