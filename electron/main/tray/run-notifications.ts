import { TERMINAL_STATUSES, type Run, type RunEvent, type RunStatus } from '../../../shared/domain/run.ts';
import type { OpenTarget } from '../../../shared/ipc/events.ts';
import type { TrayAction } from './tray-menu.ts';

/** A native notification's content; a click opens `target` (or just the window). */
export interface RunNotification {
  title: string;
  body: string;
  target?: OpenTarget;
}

/** How many ended runs are remembered for a track() that comes after the end (a run quicker than its enqueue's
 * answer); a bound, so untracked runs cannot grow it. */
const RECENT_ENDS = 100;
const MAX_ERROR = 200;

const firstLine = (text: string) => {
  const line = text.split('\n', 1)[0]!.trim();
  return line.length > MAX_ERROR ? `${line.slice(0, MAX_ERROR - 1)}…` : line;
};

/** A failure is not said here: the core's notifier tells of every failed run (electron/core/notify), and a tray
 * run would be announced twice. The tray still says how its own runs succeeded or were cancelled. */
function ended(runId: number, title: string, event: RunEvent): RunNotification[] {
  const status = event.payload!.status as RunStatus;
  if (status === 'failed') return [];
  return [{ title: `Run #${runId} ${status}`, body: title, target: { kind: 'run', runId } }];
}

const isEnd = (event: RunEvent) =>
  event.kind === 'status' && TERMINAL_STATUSES.includes(event.payload?.status as RunStatus);

/**
 * Notifies about the runs the tray started, and only those: each once, when it succeeds or is cancelled (a
 * failure that will be retried is not an end; a final failure is the core notifier's). Fed every batch of core events; forgets a run once notified.
 */
export function createRunNotifier() {
  const tracked = new Map<number, string>(); // run id → title
  const recentEnds = new Map<number, RunEvent>(); // ended runs not (yet) tracked, oldest first
  return {
    /** Remembers a run the tray started; if it has already ended, its notification comes back at once. */
    track(run: Pick<Run, 'id' | 'title'>): RunNotification[] {
      const end = recentEnds.get(run.id);
      if (end) {
        recentEnds.delete(run.id);
        return ended(run.id, run.title, end);
      }
      tracked.set(run.id, run.title);
      return [];
    },
    /** The notifications a batch of core events calls for. */
    onEvents(events: readonly RunEvent[]): RunNotification[] {
      const notifications: RunNotification[] = [];
      for (const event of events.filter(isEnd)) {
        const title = tracked.get(event.runId);
        if (title === undefined) {
          recentEnds.set(event.runId, event);
          if (recentEnds.size > RECENT_ENDS) recentEnds.delete(recentEnds.keys().next().value!);
          continue;
        }
        tracked.delete(event.runId);
        notifications.push(...ended(event.runId, title, event));
      }
      return notifications;
    },
  };
}

/** A tray action the core refused (every lane paused, a plan's MCP server disabled, …): said, not swallowed. */
export function actionFailed(action: TrayAction, error: unknown): RunNotification {
  const lanes = action.kind === 'pause-all' || action.kind === 'resume-all';
  return {
    title: lanes ? 'The lanes did not change' : 'The run did not start',
    body: firstLine(error instanceof Error ? error.message : String(error)),
  };
}
