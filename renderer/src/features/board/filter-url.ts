import type { RunStatus } from '../../../../shared/domain/run.ts';
import type { RunQuery } from '../../../../shared/ipc/methods/runs.ts';
import { RUN_STATUSES, isRunStatus } from '../../data/status.ts';

/**
 * The Runboard's filter and its place in the URL (`#/?status=failed,running&lane=A&session=3&q=nginx&in=logs&since=24h`),
 * so a pasted URL restores the same view. A relative "since" stays relative (`since=24h` means the last 24 hours
 * whenever the link is opened); picked dates are absolute ISO times. Values that do not parse are dropped, never
 * thrown: a hand-edited URL still shows a board.
 */

export const SINCE_PRESETS = { '1h': 3_600_000, '24h': 86_400_000, '7d': 604_800_000 } as const;
export type SincePreset = keyof typeof SINCE_PRESETS;
export type Since = { preset: SincePreset } | { at: Date };

export interface BoardFilter {
  /** Empty: every status. */
  status: RunStatus[];
  /** Empty: every lane. */
  lanes: string[];
  sessionId: number | null;
  text: string;
  /** The text searches the runs' log lines instead of their titles and errors (`in=logs`). */
  searchLogs: boolean;
  since: Since | null;
  until: Date | null;
}

export const EMPTY_FILTER: BoardFilter = { status: [], lanes: [], sessionId: null, text: '', searchLogs: false, since: null, until: null };

const LANE_NAME = /^[A-Za-z0-9_-]{1,32}$/;
/** RunQuery's own cap on the text filter. */
export const MAX_TEXT = 200;

const isPreset = (value: string): value is SincePreset => Object.hasOwn(SINCE_PRESETS, value);

function parseDate(value: string | null): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

const mapNullable = <T, U>(value: T | null, fn: (v: T) => U): U | null => (value === null ? null : fn(value));

function parseList(value: string | null): string[] {
  return value ? [...new Set(value.split(',').map((s) => s.trim()).filter(Boolean))] : [];
}

/** `search` is the part after "?" in the hash (a leading "?" is allowed). */
export function parseFilter(search: string): BoardFilter {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const statuses = new Set(parseList(params.get('status')).filter(isRunStatus));
  const session = Number(params.get('session'));
  const since = params.get('since');
  return {
    status: RUN_STATUSES.filter((s) => statuses.has(s)),
    lanes: parseList(params.get('lane')).filter((l) => LANE_NAME.test(l)),
    sessionId: Number.isSafeInteger(session) && session > 0 ? session : null,
    text: (params.get('q') ?? '').slice(0, MAX_TEXT),
    searchLogs: params.get('in') === 'logs',
    since: since && isPreset(since) ? { preset: since } : mapNullable(parseDate(since), (at) => ({ at })),
    until: parseDate(params.get('until')),
  };
}

/** Commas and colons are legal in a fragment: keeping them readable makes a shared link legible. */
const encode = (value: string) => encodeURIComponent(value).replace(/%2C/gi, ',').replace(/%3A/gi, ':');

/** The canonical query string (no "?"), fields in a fixed order, empty ones left out: "" for no filter. */
export function formatFilter(filter: BoardFilter): string {
  const parts: string[] = [];
  const statuses = RUN_STATUSES.filter((s) => filter.status.includes(s));
  if (statuses.length) parts.push(`status=${statuses.join(',')}`);
  if (filter.lanes.length) parts.push(`lane=${encode(filter.lanes.join(','))}`);
  if (filter.sessionId !== null) parts.push(`session=${filter.sessionId}`);
  const text = filter.text.trim();
  if (text) parts.push(`q=${encode(text)}`);
  if (filter.searchLogs) parts.push('in=logs');
  if (filter.since) parts.push(`since=${'preset' in filter.since ? filter.since.preset : encode(filter.since.at.toISOString())}`);
  if (filter.until) parts.push(`until=${encode(filter.until.toISOString())}`);
  return parts.join('&');
}

export const isFilterEmpty = (filter: BoardFilter): boolean => formatFilter(filter) === '';

/** The call's filter, with relative times resolved against `now` (at fetch time, so a refetch moves the window). */
export function toRunQuery(filter: BoardFilter, now: Date): RunQuery {
  const query: RunQuery = {};
  if (filter.status.length) query.status = filter.status;
  if (filter.lanes.length) query.lane = filter.lanes;
  if (filter.sessionId !== null) query.sessionId = filter.sessionId;
  const text = filter.text.trim();
  if (text && !filter.searchLogs) query.text = text; // in logs: the log search's text (use-board-runs.ts)
  if (filter.since) {
    query.since = 'preset' in filter.since ? new Date(now.getTime() - SINCE_PRESETS[filter.since.preset]) : filter.since.at;
  }
  if (filter.until) query.until = filter.until;
  return query;
}
