import type { RunEvent } from '../../../../../shared/domain/run.ts';
import { stripAnsi } from '../ansi.ts';

/** One row of the log viewer, made once per stored event and never changed. */
export interface LogLine {
  seq: number;
  stepId: string | null;
  /** A program's output line; otherwise a system line (status, step, log, proof events) drawn dim. */
  output: boolean;
  stderr: boolean;
  /** 1-based among the run's output lines (stable under any filter); 0 for system lines. */
  number: number;
  level: RunEvent['level'];
  /** As stored: may hold ANSI escapes. */
  text: string;
  /** Without escapes or control characters: what search matches and "Copy log" copies. */
  plain: string;
}

/**
 * The executor stores each output line as an event of kind 'output' whose message is the line and whose
 * payload is { stream: 'stdout' | 'stderr' }; everything else the run records is a system line.
 */
export function toLogLine(event: RunEvent, number: number): LogLine {
  const output = event.kind === 'output';
  const text = output ? event.message : systemText(event);
  return {
    seq: event.seq,
    stepId: event.stepId,
    output,
    stderr: output && event.payload?.['stream'] === 'stderr',
    number: output ? number : 0,
    level: event.level,
    text,
    plain: stripAnsi(text),
  };
}

/** "[step] step build succeeded …", or the level when it says more than the kind ("[warn] try 1 of 3 failed"). */
function systemText(event: RunEvent): string {
  const tag = event.level === 'warn' || event.level === 'error' ? event.level : event.kind;
  return `[${tag}] ${event.message}`;
}
