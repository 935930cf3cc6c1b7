import type { Run, RunEvent, RunStep } from '../../../shared/domain/run.ts';
import type { NotifyEvent } from '../../../shared/ir/operations.ts';

/** What the desktop shell shows; a click opens the run (for an approval: where it is decided). */
export interface DesktopNotification {
  kind: NotifyEvent;
  runId: number;
  title: string;
  body: string;
  /** The step concerned: the failed one, or the approval step waiting. */
  stepId?: string;
}

/** The JSON a webhook receives (its exact bytes are what X-Opsroom-Signature signs). */
export interface WebhookPayload {
  event: NotifyEvent | 'test';
  /** No URL: a receiver on another machine could not open the app's anyway. */
  run: { id: number; title: string; status: Run['status']; error: string | null; lane: string; attempt: number } | null;
  step?: { id: string; status: RunStep['status']; error: string | null };
  approval?: { stepId: string; prompt: string; shownSha256: string };
  schedule?: { id: number; name: string };
  /** When it happened (the event's time), ISO 8601. */
  at: string;
}

/** An approval step's request, as the approval step writes it to the run's log. */
export interface ApprovalRequest {
  stepId: string;
  prompt: string;
  shownSha256: string;
}

export interface Occurrence {
  event: NotifyEvent;
  run: Run;
  steps: readonly RunStep[];
  at: Date;
  approval?: ApprovalRequest;
  schedule?: { id: number; name: string } | null;
}

const MAX_LINE = 200;

const firstLine = (text: string) => {
  const line = text.split('\n', 1)[0]!.trim();
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line;
};

/** The event's approval request, or null for any other event. */
export function approvalRequest(event: RunEvent): ApprovalRequest | null {
  const p = event.payload;
  if (event.kind !== 'log' || p?.approval !== 'requested') return null;
  const stepId = typeof p.stepId === 'string' ? p.stepId : event.stepId;
  if (!stepId || typeof p.shownSha256 !== 'string' || typeof p.prompt !== 'string') return null;
  return { stepId, prompt: p.prompt, shownSha256: p.shownSha256 };
}

/** The step a notification is about: the approval's, or the first (in plan order) that failed. */
function stepOf(o: Occurrence): RunStep | undefined {
  if (o.approval) return o.steps.find((s) => s.stepId === o.approval!.stepId);
  if (o.event === 'failure') return [...o.steps].sort((a, b) => a.idx - b.idx).find((s) => s.status === 'failed');
  return undefined;
}

export function webhookPayload(o: Occurrence): WebhookPayload {
  const { run } = o;
  const step = stepOf(o);
  return {
    event: o.event,
    run: { id: run.id, title: run.title, status: run.status, error: run.error, lane: run.lane, attempt: run.attempt },
    ...(step ? { step: { id: step.stepId, status: step.status, error: step.error } } : {}),
    ...(o.approval ? { approval: { stepId: o.approval.stepId, prompt: o.approval.prompt, shownSha256: o.approval.shownSha256 } } : {}),
    ...(o.schedule ? { schedule: o.schedule } : {}),
    at: o.at.toISOString(),
  };
}

export function desktopNotification(o: Occurrence): DesktopNotification {
  const { run } = o;
  const step = stepOf(o);
  const stepId = step?.stepId ?? o.approval?.stepId;
  const base = { kind: o.event, runId: run.id, ...(stepId ? { stepId } : {}) };
  if (o.approval) {
    return { ...base, title: `Approval needed: ${firstLine(o.approval.prompt)}`, body: `Run #${run.id} ${run.title}, step ${o.approval.stepId}` };
  }
  if (o.event === 'failure') {
    return { ...base, title: `Run #${run.id} failed`, body: `${run.title}\n${firstLine(run.error ?? step?.error ?? 'failed')}` };
  }
  return { ...base, title: `Run #${run.id} succeeded`, body: run.title };
}
