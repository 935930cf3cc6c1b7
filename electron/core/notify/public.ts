// What the shells (the CLI's `notify test` and `schedules add --notify-*`, the desktop app) use of notifications.
export type { DesktopNotification, WebhookPayload } from './notification-content.ts';
export { notifyFor, notifyFromFlags, parseNotify, type NotifyTargets } from './notify-config.ts';
export { sendTestNotification, type TestDeliveryOptions } from './test-delivery.ts';
export { SIGNATURE_HEADER, signBody, type WebhookTiming } from './webhook.ts';
export type { SentWebhook } from './deliver.ts';
