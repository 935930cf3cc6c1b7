import type { NewRunEvent, RunEvent } from '../../../shared/domain/run.ts';
import type { Notify, NotifyEvent } from '../../../shared/ir/operations.ts';
import type { EventListener } from '../events/event-bus.ts';
import type { SecretSource } from '../mcp/server-env.ts';
import type { Store } from '../queue/store.ts';
import { sendWebhook, webhookMessage } from './deliver.ts';
import { approvalRequest, desktopNotification, webhookPayload, type DesktopNotification, type Occurrence } from './notification-content.ts';
import { notifyFor, type NotifyTargets } from './notify-config.ts';
import { scheduleOfRun } from './schedule-of-run.ts';
import { DEFAULT_WEBHOOK_TIMING, type WebhookTiming } from './webhook.ts';

export interface NotifierDeps {
  store: Pick<Store, 'getRun' | 'getPlan' | 'appendEvents' | 'localQuery'>;
  subscribe(listener: EventListener): () => void;
  publish(events: RunEvent[]): void;
  secrets: SecretSource;
  /** Shows a native notification (the desktop shell); without it desktop notifications are not shown. */
  desktop?: (notification: DesktopNotification) => void;
  timing?: WebhookTiming;
}

/** Events remembered as handled, so one seen twice is told once. */
const REMEMBERED = 1000;
/** On close, deliveries under way may finish (their retries too) for this long; then they are cut short. */
const STOP_GRACE_MS = 3000;

const WHAT: Record<NotifyEvent, string> = { success: 'the success', failure: 'the failure', approval: 'the approval request' };

/** What an event is to notify about, if anything: a run's final success or failure, or an approval asked for. */
function notifyEventOf(event: RunEvent): NotifyEvent | null {
  if (event.kind === 'status') {
    // 'queued' after a failed attempt is not an end; 'cancelled' was a person's own doing.
    if (event.payload?.status === 'succeeded') return 'success';
    if (event.payload?.status === 'failed') return 'failure';
    return null;
  }
  return approvalRequest(event) ? 'approval' : null;
}

/**
 * Tells people when a run ends or waits for an approval, as its plan and schedule ask: a desktop notification
 * through the shell's callback, and webhook deliveries, each recorded in the run's log. Hears only the events
 * published in this process — every stored event is published in exactly one, the one whose worker (or call)
 * stored it — so a run is told about once however many processes share its database. Nothing here can fail or
 * delay a run: it works after the fact, and every error ends in the run's log or in a warning.
 */
export function startNotifier(deps: NotifierDeps): { stop(): Promise<void> } {
  const timing = deps.timing ?? DEFAULT_WEBHOOK_TIMING;
  const planNotify = new Map<number, Notify | undefined>(); // plans never change
  const handled = new Set<string>();
  const pending = new Set<Promise<void>>();
  const stopping = new AbortController();

  const record = async (event: RunEvent, level: NewRunEvent['level'], message: string, notify: Record<string, unknown>) => {
    const entry: NewRunEvent = { runId: event.runId, attempt: event.attempt, stepId: event.kind === 'log' ? event.stepId : null, kind: 'log', level, message, payload: { notify } };
    deps.publish(await deps.store.appendEvents([entry]));
  };

  const targetsOf = async (event: RunEvent, o: Omit<Occurrence, 'schedule'>): Promise<{ targets: NotifyTargets; schedule: Occurrence['schedule'] }> => {
    const { run } = o;
    if (!planNotify.has(run.planId)) planNotify.set(run.planId, (await deps.store.getPlan(run.planId)).plan.notify);
    const plan = { notify: planNotify.get(run.planId) };
    let schedule = null;
    try {
      schedule = await scheduleOfRun(deps.store, run);
      return { targets: notifyFor(plan, schedule?.notify), schedule: schedule && { id: schedule.id, name: schedule.name } };
    } catch (error) {
      // The plan's own setting still applies; the log says why the schedule's did not.
      const whose = schedule ? `schedule ${schedule.name}'s notify setting` : 'the schedule that fired this run';
      await record(event, 'warn', `notification: could not use ${whose}: ${(error as Error).message}`, { error: 'schedule' });
      return { targets: notifyFor(plan), schedule: null };
    }
  };

  const handle = async (event: RunEvent, kind: NotifyEvent) => {
    const { run, steps } = await deps.store.getRun(event.runId);
    const base = { event: kind, run, steps, at: event.ts, ...(kind === 'approval' ? { approval: approvalRequest(event)! } : {}) };
    const { targets, schedule } = await targetsOf(event, base);
    const occurrence: Occurrence = { ...base, schedule };
    const jobs: Promise<void>[] = [];
    if (deps.desktop && targets.desktop.includes(kind)) {
      const shown = desktopNotification(occurrence);
      try {
        deps.desktop(shown);
        jobs.push(record(event, 'info', `notification: desktop: ${shown.title}`, { channel: 'desktop', event: kind, delivered: true }));
      } catch (error) {
        jobs.push(record(event, 'warn', `notification: the desktop notification failed: ${(error as Error).message}`,
          { channel: 'desktop', event: kind, delivered: false }));
      }
    }
    const payload = webhookPayload(occurrence);
    for (const target of targets.webhooks.filter((t) => t.on.includes(kind))) {
      jobs.push(sendWebhook(target, payload, deps.secrets, timing, stopping.signal).then((sent) => record(
        event, sent.delivered ? 'info' : 'warn', webhookMessage(sent, WHAT[kind]),
        { channel: 'webhook', event: kind, target: sent.origin, delivered: sent.delivered, status: sent.status, tries: sent.tries,
          signed: sent.signed, ...(sent.reason ? { reason: sent.reason } : {}) })));
    }
    await Promise.all(jobs);
  };

  const unsubscribe = deps.subscribe((events) => {
    for (const event of events) {
      const kind = notifyEventOf(event);
      if (!kind) continue;
      const key = `${event.runId}:${event.seq}`;
      if (handled.has(key)) continue;
      handled.add(key);
      if (handled.size > REMEMBERED) handled.delete(handled.values().next().value!);
      const job = handle(event, kind).catch((error: unknown) => {
        // The database may be what failed: nowhere to record it but here. The run's outcome stands.
        console.warn(`opsroom: notifying about run ${event.runId} (${kind}) failed: ${(error as Error).message}`);
      });
      pending.add(job);
      void job.finally(() => pending.delete(job));
    }
  });

  return {
    /** Stops listening; deliveries under way get a short grace, then stop retrying (and say so in the log). */
    async stop() {
      unsubscribe();
      const grace = new Promise<void>((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref());
      await Promise.race([Promise.allSettled([...pending]), grace]);
      stopping.abort();
      await Promise.allSettled([...pending]);
    },
  };
}
