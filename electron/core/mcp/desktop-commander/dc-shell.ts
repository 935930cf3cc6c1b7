import { statSync } from 'node:fs';
import { lineSplitter } from '../../executor/line-splitter.ts';
import { STOPPED, type StepContext, type StepResult, type StopReason } from '../../executor/step-handler.ts';
import type { ToolCaller } from '../tool-caller.ts';
import { followDcProcess } from './dc-follow.ts';
import { parseStartedPid, resultText } from './dc-output.ts';
import { dcCommandLine, dcShell } from './dc-shell-syntax.ts';
import { killPidTree } from './kill-pid-tree.ts';

/** start_process waits this long for early output before replying; the rest is polled. */
const START_WAIT_MS = 1000;
/** Above start_process's own wait, or the client would cut it short. */
const START_CALL_TIMEOUT_MS = START_WAIT_MS + 30_000;
const TERMINATE_CALL_TIMEOUT_MS = 5000;


export interface DcShellInput {
  command: string;
  cwd?: string;
  /** The step's deadline; the step also stops when ctx.signal aborts. */
  timeoutMs: number;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function stoppedBy(ctx: StepContext, timeoutMs: number): string {
  if (!ctx.signal.aborted) return `timed out after ${timeoutMs} ms`;
  return STOPPED[ctx.signal.reason as StopReason] ?? String(ctx.signal.reason);
}

/** DC's force_terminate only signals the shell and leaves its children running, so the tree is killed here too. */
async function stop(caller: ToolCaller, pid: number): Promise<void> {
  // called first: it reads the tree before force_terminate's SIGINT can leave the shell's children orphaned
  const killing = killPidTree(pid);
  await Promise.allSettled([caller.callTool('force_terminate', { pid }, { timeoutMs: TERMINATE_CALL_TIMEOUT_MS }), killing]);
}

/**
 * A `shell` step run by Desktop Commander's start_process instead of a local child. ok says the command ran to
 * its end (the exit code is for the exit_code verifier to judge). ok is false when DC refused or failed, and
 * when the step was cancelled or timed out: then the command and everything it started are stopped. DC merges
 * stderr into stdout, so every line is reported as stdout.
 */
export async function runShellViaDc(caller: ToolCaller, input: DcShellInput, ctx: StepContext): Promise<StepResult> {
  if (ctx.signal.aborted) return { ok: false, exitCode: null, error: stoppedBy(ctx, input.timeoutMs) };
  if (input.cwd && !statSync(input.cwd, { throwIfNoEntry: false })?.isDirectory()) {
    return { ok: false, exitCode: null, error: `working directory ${input.cwd} does not exist` };
  }
  const shell = dcShell();
  const command = dcCommandLine(shell, input.command, input.cwd);
  const deadline = AbortSignal.any([ctx.signal, AbortSignal.timeout(input.timeoutMs)]);
  let pid: number;
  try {
    // not given the step's signal: a start cancelled in flight would still start, with its PID never known
    const reply = await caller.callTool('start_process', { command, timeout_ms: START_WAIT_MS, shell }, { timeoutMs: START_CALL_TIMEOUT_MS });
    const text = resultText(reply);
    const started = reply.isError ? null : parseStartedPid(text);
    if (started === null) return { ok: false, exitCode: null, error: `Desktop Commander did not start the command: ${text}` };
    pid = started;
  } catch (error) {
    return { ok: false, exitCode: null, error: `Desktop Commander did not start the command: ${messageOf(error)}` };
  }
  // DC's lines are fed through the same splitter as local output: CR endings, NULs and very long lines
  const lines = lineSplitter((line) => ctx.output('stdout', line));
  try {
    const exit = await followDcProcess(caller, pid, {
      signal: deadline,
      onLine: (line) => lines.write(Buffer.from(`${line}\n`)),
      onWarn: (message) => ctx.log('warn', message),
    });
    return { ok: true, exitCode: exit.code, result: { pid, exitCode: exit.code, runtimeMs: exit.runtimeMs } };
  } catch (error) {
    const result = { pid, exitCode: null, runtimeMs: null };
    // when DC itself failed the PID is not killed: DC may have forgotten a process long gone, its PID reused
    if (!deadline.aborted) return { ok: false, exitCode: null, error: messageOf(error), result };
    await stop(caller, pid);
    return { ok: false, exitCode: null, error: stoppedBy(ctx, input.timeoutMs), result };
  }
}
