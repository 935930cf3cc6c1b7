import type { OpenTarget } from '../../../shared/ipc/events.ts';
import { plural } from '../text.ts';

/** What the tray shows, read from the core by readTrayState (quick-run.ts). */
export interface TrayState {
  counts: { running: number; queued: number; failedRecent: number };
  lanes: { name: string; paused: boolean }[];
  /** In plans.list order (pinned plans only). Skills will be pinned too: another kind of TrayPin. */
  pinned: TrayPin[];
  /** Shell commands, most recent first. */
  recentCommands: string[];
  /** Approvals waiting for a person (issue 8), newest first. */
  approvals?: TrayApproval[];
}

/** An approval step waiting: "Approve…" opens its run, where the person sees what is asked and decides. */
export interface TrayApproval {
  runId: number;
  stepId: string;
  prompt: string;
}

/** A pinned plan; `runnable` when every parameter has a default, so it can start with no input. */
export interface TrayPin {
  kind: 'plan';
  planId: number;
  name: string;
  description: string | null;
  runnable: boolean;
}

export type TrayAction =
  | { kind: 'open-window' }
  | { kind: 'open-target'; target: OpenTarget }
  | { kind: 'run-command'; command: string }
  | { kind: 'run-plan'; planId: number }
  /** A pinned plan that asks for parameters: the window opens its form in the command bar; it never runs. */
  | { kind: 'open-plan'; planId: number }
  | { kind: 'pause-all' }
  | { kind: 'resume-all' }
  | { kind: 'quit' };

/** One menu entry as plain data: what tray.ts hands Electron, and what the smoke test reads back. */
export interface TrayMenuItem {
  type: 'normal' | 'separator' | 'submenu';
  /** The text shown, as is ('&' is escaped for Electron only when the menu is built). */
  label: string;
  enabled: boolean;
  /** The full text of a shortened label (shown on hover where the platform supports it). */
  toolTip?: string;
  submenu?: TrayMenuItem[];
  action?: TrayAction;
}

/** How many recent commands the menu offers. */
export const RECENT_LIMIT = 8;
/** Longer labels are cut with an ellipsis: a menu as wide as a pasted script helps nobody. */
export const MAX_LABEL = 60;
const MAX_TOOLTIP = 500;
/** The failures counted: the last 24 hours, by creation, as the board's `since=24h` filter shows them. */
export const FAILED_WINDOW_MS = 86_400_000;
export const FAILED_BOARD_QUERY = 'status=failed&since=24h';


/** Every run of whitespace (newlines too) becomes one space; a long text is cut to `max` characters. */
export function shorten(text: string, max = MAX_LABEL): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim()); // code points: an emoji is never cut in half
  return chars.length > max ? `${chars.slice(0, max - 1).join('').trimEnd()}…` : chars.join('');
}

/** The label, and the full text as a tool tip when the label had to change it. */
function shortened(text: string): Pick<TrayMenuItem, 'label' | 'toolTip'> {
  const label = shorten(text);
  if (label === text) return { label };
  const chars = Array.from(text);
  return { label, toolTip: chars.length > MAX_TOOLTIP ? `${chars.slice(0, MAX_TOOLTIP - 1).join('')}…` : text };
}

/** "2 running · 1 queued · 1 failed in 24 h", or "Nothing running": the menu's first line and the icon's tool tip. */
export function statusLine({ running, queued, failedRecent }: TrayState['counts']): string {
  const parts = [running ? `${running} running` : '', queued ? `${queued} queued` : ''].filter(Boolean);
  if (!parts.length) parts.push('Nothing running');
  if (failedRecent) parts.push(`${failedRecent} failed in 24 h`);
  return parts.join(' · ');
}

const item = (label: string, action: TrayAction, extra: Partial<TrayMenuItem> = {}): TrayMenuItem =>
  ({ type: 'normal', label, enabled: true, action, ...extra });
const note = (label: string): TrayMenuItem => ({ type: 'normal', label, enabled: false });
const SEPARATOR: TrayMenuItem = { type: 'separator', label: '', enabled: true };

function pinItem(pin: TrayPin): TrayMenuItem {
  const name = shortened(pin.name);
  const hints = [name.toolTip, pin.description, pin.runnable ? null : 'asks for parameters: opens the command bar'];
  const toolTip = hints.filter(Boolean).join(' — ');
  // The ellipsis says more input follows (menu convention): such a plan opens its form instead of running.
  return pin.runnable
    ? item(`Run ${name.label}`, { kind: 'run-plan', planId: pin.planId }, toolTip ? { toolTip } : {})
    : item(`Run ${name.label}…`, { kind: 'open-plan', planId: pin.planId }, { toolTip });
}

/**
 * The whole tray menu from the state. Every action is an item (Linux's StatusNotifierItem may never deliver a
 * click on the icon, so nothing may depend on one), on every platform alike.
 */
export function buildTrayMenu(state: TrayState): TrayMenuItem[] {
  const { counts, lanes } = state;
  const status = [note(statusLine(counts))];
  if (counts.failedRecent) {
    status.push(item(`Show ${plural(counts.failedRecent, 'failed run')}`,
      { kind: 'open-target', target: { kind: 'board', query: FAILED_BOARD_QUERY } }));
  }

  // Approvals come right after the status: someone is waiting. The ellipsis: the run view asks for the decision.
  const approvals = (state.approvals ?? []).slice(0, RECENT_LIMIT);
  const waiting: TrayMenuItem[] = approvals.length ? [note(`Waiting for approval (${state.approvals!.length})`), ...approvals.map((a) =>
    item(`Approve… #${a.runId} ${shorten(a.prompt, MAX_LABEL - 12)}`, { kind: 'open-target', target: { kind: 'run', runId: a.runId } },
      { toolTip: `run ${a.runId}, step ${a.stepId}: ${a.prompt}` }))] : [];

  const quick: TrayMenuItem[] = [];
  if (state.pinned.length) quick.push(note('Pinned plans'), ...state.pinned.map(pinItem));
  const recent = state.recentCommands.slice(0, RECENT_LIMIT);
  if (recent.length) {
    quick.push({
      type: 'submenu', label: 'Run a recent command', enabled: true,
      submenu: recent.map((command) => ({ type: 'normal', enabled: true, action: { kind: 'run-command', command }, ...shortened(command) })),
    });
  }

  const paused = lanes.filter((lane) => lane.paused).length;
  const laneItems: TrayMenuItem[] = [];
  if (paused < lanes.length) laneItems.push(item('Pause all lanes', { kind: 'pause-all' }));
  if (paused) {
    laneItems.push(item(paused === lanes.length ? 'Resume all lanes' : `Resume all lanes (${paused} paused)`, { kind: 'resume-all' }));
  }

  const app = [item('Open Control Room', { kind: 'open-window' }), item('Quit Ops Control Room', { kind: 'quit' })];
  return [status, waiting, quick, laneItems, app].filter((section) => section.length).flatMap((section, i) => (i ? [SEPARATOR, ...section] : section));
}
