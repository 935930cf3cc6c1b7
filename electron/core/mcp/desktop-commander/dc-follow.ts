import { setTimeout as sleep } from 'node:timers/promises';
import type { ToolCaller } from '../tool-caller.ts';
import { parseOutputPage, resultText } from './dc-output.ts';

/** Lines per read. DC keeps at most 50 MB of output, so even a page of long lines fits one MCP message. */
const PAGE_LINES = 500;
const READ_CALL_TIMEOUT_MS = 30_000;
/** Polling backs off while the process is quiet and speeds up again when it prints. */
const POLL_MIN_MS = 100;
const POLL_MAX_MS = 1000;
/** A tail read reaching past any buffer, i.e. from DC's first line (offset 0 means "since the last such read"). */
const FROM_FIRST_LINE = -1_000_000_000;

export interface DcExit {
  /** Null when a signal ended the process. */
  code: number | null;
  runtimeMs: number | null;
}

export interface FollowOptions {
  /** Aborting stops the polling (the process is left to the caller). */
  signal: AbortSignal;
  onLine(line: string): void;
  onWarn(message: string): void;
}

/**
 * Follows a process Desktop Commander started, polling read_process_output until DC reports its exit, and hands
 * each output line on once, in order. Lines are tracked by their position in DC's buffer rather than through
 * DC's "new lines" reads, which lose text appended to a line already read and, once the process has ended,
 * return everything again. DC's last line may still grow, so it is handed on only after the exit. Rejects when
 * the signal aborts or DC fails.
 */
export async function followDcProcess(caller: ToolCaller, pid: number, options: FollowOptions): Promise<DcExit> {
  let next = 0; // position, from the process's first line, of the first line not handed on yet
  let evicted = 0; // lines DC dropped from the front of its buffer: a position is its buffer index plus these
  let wait = POLL_MIN_MS;
  for (;;) {
    const start = next - evicted;
    const reply = await caller.callTool(
      'read_process_output',
      { pid, offset: start > 0 ? start : FROM_FIRST_LINE, length: PAGE_LINES },
      { signal: options.signal, timeoutMs: READ_CALL_TIMEOUT_MS },
    );
    const text = resultText(reply);
    if (reply.isError) throw new Error(`Desktop Commander could not read the output of process ${pid}: ${text}`);
    const page = parseOutputPage(text);
    if (!page) throw new Error(`Desktop Commander's read_process_output reply was not understood: ${text.slice(0, 200)}`);
    if (page.evicted !== evicted) {
      // the buffer's front moved, so this read started at the wrong line: read again from the right one
      evicted = page.evicted;
      if (next < evicted) options.onWarn(`${evicted - next} output lines were lost: Desktop Commander keeps only its last 50 MB`);
      next = Math.max(next, evicted);
      continue;
    }
    const atEnd = start + page.count === page.total;
    // DC's last line may still grow while the process runs
    let take = Math.min(page.count, Math.max(0, page.total - 1 - start));
    // after the exit the last line is final; an empty one is only the rest after a final newline
    if (page.exit && atEnd && page.lines.at(-1) !== '') take = page.count;
    for (const line of page.lines.slice(0, take)) options.onLine(line);
    next += take;
    if (page.exit && atEnd) return page.exit;
    if (take > 0) wait = POLL_MIN_MS;
    if (start + page.count < page.total) continue;
    await sleep(wait, undefined, { signal: options.signal });
    wait = Math.min(wait * 2, POLL_MAX_MS);
  }
}
