import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/**
 * Parsing of Desktop Commander 0.2.52's process replies. They are text made for a model, so the formats here
 * were captured from the real server (see tests/core/mcp/dc-output.test.ts):
 *   start_process:        "Process started with PID 123 (shell: /bin/sh)\nInitial output:\n…"
 *   read_process_output:  "[Reading 2 lines from line 1 (total: 3 lines, 0 remaining)]\n\nline…\n✅ Process completed
 *                          with exit code 3 (runtime: 0.05s)"
 */

/** A read of a page of DC's line buffer. */
export interface OutputPage {
  /** Lines the header says were read, from DC's retained buffer (its last line may still be growing). */
  count: number;
  /** Lines in DC's retained buffer. */
  total: number;
  /** Earliest lines DC dropped past its 50 MB buffer cap; retained positions start after them. */
  evicted: number;
  /** The `count` lines read. */
  lines: string[];
  /** Present once the process has ended: `code` null means it was killed by a signal. */
  exit: { code: number | null; runtimeMs: number | null } | null;
}

const PID = /^Process started with PID (\d+) /;
const HEADER = /^\[Reading (?:last )?(\d+) (?:new )?lines.*\(total: (\d+) lines/;
const EVICTED = /^\[WARNING: output exceeded .* the (\d+) earliest lines were evicted/;
const COMPLETED = /Process completed with exit code (-?\d+|null)(?: \(runtime: (\d+(?:\.\d+)?)s\))?/;
/** What DC prints instead of a body that joins to "" (no lines, or one empty line). */
const NO_OUTPUT = '(No output in requested range)';

/** The text of a tool result (DC replies with one text item). */
export function resultText(result: CallToolResult): string {
  return result.content
    .flatMap((item) => (item.type === 'text' ? [item.text] : []))
    .join('\n');
}

/** The PID of a process start_process started; null when the reply is not a start (refusal, virtual session). */
export function parseStartedPid(text: string): number | null {
  const match = PID.exec(text);
  return match ? Number(match[1]) : null;
}

/**
 * One read_process_output reply. The body is taken as exactly `count` lines after the header block, and the
 * completion line is only looked for after them, so a command that prints "Process completed with exit code 0"
 * itself cannot fake its exit. Null when the text is not such a reply, or not all of one.
 */
export function parseOutputPage(text: string): OutputPage | null {
  const rows = text.split('\n');
  const header = HEADER.exec(rows[0] ?? '');
  const blank = rows.indexOf('', 1);
  if (!header || blank === -1) return null;
  const count = Number(header[1]);
  const warning = rows.slice(1, blank).map((row) => EVICTED.exec(row)).find((match) => match !== null);
  // an empty body is printed as one placeholder row; a lone empty line cannot be told from it, and is the
  // likelier reading (the buffer's trailing "" after a final newline)
  const bodyRows = Math.max(count, 1);
  const body = rows.slice(blank + 1, blank + 1 + bodyRows);
  if (body.length < bodyRows) return null; // cut short on the way
  const lines = count === 0 ? [] : count === 1 && body[0] === NO_OUTPUT ? [''] : body;
  const completed = COMPLETED.exec(rows.slice(blank + 1 + bodyRows).join('\n'));
  return {
    count,
    total: Number(header[2]),
    evicted: warning ? Number(warning[1]) : 0,
    lines,
    exit: completed
      ? {
          code: completed[1] === 'null' ? null : Number(completed[1]),
          runtimeMs: completed[2] === undefined ? null : Math.round(Number(completed[2]) * 1000),
        }
      : null,
  };
}
