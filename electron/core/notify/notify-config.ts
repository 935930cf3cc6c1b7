import { NotifyEventSchema, NotifySchema, type Notify, type NotifyEvent } from '../../../shared/ir/operations.ts';
import { CoreError } from '../errors.ts';

/** Without `on`: what people want to hear about unasked (a success is news only when asked for). */
export const DEFAULT_EVENTS: readonly NotifyEvent[] = ['failure', 'approval'];

export interface WebhookTarget {
  url: string;
  /** The secret store's name for the signing key; never its value. */
  secret?: string;
  on: NotifyEvent[];
}

/** Who is told what, for one run: the plan's settings with its schedule's added. */
export interface NotifyTargets {
  /** The events a desktop notification is shown for (empty: none). */
  desktop: NotifyEvent[];
  webhooks: WebhookTarget[];
}

/** A stored or typed notify setting checked against the one schema; `source` names it in the message. */
export function parseNotify(value: unknown, source: string): Notify {
  const parsed = NotifySchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
  throw new CoreError('INVALID_INPUT', `${source}: notify is not valid: ${issues.join('; ')}`);
}

/**
 * The notify setting of command-line flags (`--webhook URL --webhook-secret NAME --notify-on a,b`), or
 * undefined when none is given. Checked like a plan's.
 */
export function notifyFromFlags(flags: { webhook?: string; secret?: string; on?: string; desktop?: boolean }): Notify | undefined {
  if (flags.webhook === undefined && flags.secret === undefined && flags.on === undefined && flags.desktop === undefined) return undefined;
  if (flags.secret !== undefined && flags.webhook === undefined) {
    throw new CoreError('INVALID_INPUT', '--webhook-secret signs the --webhook deliveries: give --webhook URL too');
  }
  const on = flags.on?.split(',').map((word) => word.trim()).filter(Boolean);
  const unknown = on?.filter((word) => !NotifyEventSchema.safeParse(word).success) ?? [];
  if (unknown.length) {
    throw new CoreError('INVALID_INPUT', `--notify-on takes ${NotifyEventSchema.options.join(', ')} (comma-separated); not: ${unknown.join(', ')}`);
  }
  return parseNotify({
    ...(on ? { on } : {}),
    ...(flags.desktop !== undefined ? { desktop: flags.desktop } : {}),
    ...(flags.webhook !== undefined ? { webhook: { url: flags.webhook, ...(flags.secret ? { secret: flags.secret } : {}) } } : {}),
  }, 'the --notify options');
}

/**
 * Merges a plan's notify with its schedule's: the schedule adds to the plan, never takes away. Each setting
 * keeps its own `on` for its own webhook (a schedule asking for successes at its webhook does not make the
 * plan's webhook hear them); the desktop is told of an event either one asks for. An absent setting is the
 * defaults (desktop, on failure and approval); a schedule that does not say `desktop` follows the plan's, so a
 * plan that turned the desktop off is not turned back on by a schedule that only adds a webhook.
 */
export function notifyFor(plan: { notify?: Notify } | null | undefined, scheduleNotify?: unknown): NotifyTargets {
  const settings: Notify[] = [plan?.notify ?? {}];
  if (scheduleNotify !== undefined && scheduleNotify !== null) settings.push(parseNotify(scheduleNotify, 'the schedule'));
  const desktop = new Set<NotifyEvent>();
  const webhooks = new Map<string, WebhookTarget>();
  const planDesktop = settings[0]!.desktop ?? true;
  for (const setting of settings) {
    const on = setting.on ?? DEFAULT_EVENTS;
    if (setting.desktop ?? planDesktop) on.forEach((event) => desktop.add(event));
    if (!setting.webhook) continue;
    // One delivery per receiver and key, even when both settings name it.
    const key = `${setting.webhook.url}\n${setting.webhook.secret ?? ''}`;
    const target = webhooks.get(key) ?? { url: setting.webhook.url, ...(setting.webhook.secret ? { secret: setting.webhook.secret } : {}), on: [] };
    target.on = [...new Set([...target.on, ...on])];
    webhooks.set(key, target);
  }
  return { desktop: [...desktop], webhooks: [...webhooks.values()] };
}
